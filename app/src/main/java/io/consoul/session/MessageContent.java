package io.consoul.session;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * A message's content as the reference reads it ({@code to_dict_message}): a string, or a list of content blocks
 * whose {@code text} parts (and bare strings) are joined; any other scalar becomes its text.
 */
final class MessageContent extends ValueDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_STRING) return p.getString();
        JsonNode node = ctxt.readTree(p);
        if (node == null || node.isNull()) return null;
        if (!node.isArray()) return node.isValueNode() ? node.asString() : node.toString();
        StringBuilder text = new StringBuilder();
        for (JsonNode block : node) {
            if (block.isString()) text.append(block.asString());
            else if (block.isObject() && block.has("text")) text.append(block.get("text").asString());
        }
        return text.toString();
    }
}
