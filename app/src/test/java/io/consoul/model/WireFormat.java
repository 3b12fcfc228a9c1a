package io.consoul.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One provider's real wire format, as its stand-in speaks it: reply bodies, streamed events, error bodies, and
 * how to read the conversation and credentials back out of a request the stand-in received.
 */
interface WireFormat {
    String KEY = "test-key-not-a-secret";

    /** Streamed reply: events before the text, one event per text piece, events after it. */
    record Stream(String contentType, List<String> head, List<String> pieces, List<String> tail) {}

    ModelFamily family();

    /** A model name the contract routes to this provider. */
    String model();

    String path();

    ProviderEndpoints endpoints(String baseUrl);

    String reply(String model, String text, int inputTokens, int outputTokens);

    Stream stream(String model, List<String> pieces, int inputTokens, int outputTokens);

    String error(String detail);

    /** The request's conversation as {@code role: text} lines, system prompt first. */
    List<String> conversation(JsonNode request);

    /** The API key the request carried, or null. */
    String apiKey(StandIn.Request request);

    static List<WireFormat> all() {
        return List.of(new OpenAi(), new Anthropic(), new Ollama());
    }

    static String q(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A content field that is either a string or a list of {@code {"type":"text","text":...}} parts. */
    static String text(JsonNode content) {
        if (content.isTextual()) return content.asText();
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText()));
        return text.toString();
    }

    static List<String> roleLines(JsonNode messages) {
        List<String> lines = new ArrayList<>();
        messages.forEach(m -> lines.add(m.path("role").asText() + ": " + text(m.path("content"))));
        return lines;
    }

    /** OpenAI {@code /v1/chat/completions}: JSON, or SSE {@code data:} chunks ending in {@code [DONE]}. */
    final class OpenAi implements WireFormat {
        public ModelFamily family() { return ModelFamily.OPENAI; }

        public String model() { return "gpt-4o"; }

        public String path() { return "/v1/chat/completions"; }

        public ProviderEndpoints endpoints(String baseUrl) {
            return new ProviderEndpoints(KEY, baseUrl + "/v1", "", "", "");
        }

        public String reply(String model, String text, int in, int out) {
            return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":" + q(model)
                    + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + q(text)
                    + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                    + usage(in, out) + "}";
        }

        public Stream stream(String model, List<String> pieces, int in, int out) {
            String chunk = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":" + q(model) + ",\"choices\":";
            return new Stream("text/event-stream",
                    List.of(chunk + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                            + "\"finish_reason\":null}]}\n\n"),
                    pieces.stream().map(p -> chunk + "[{\"index\":0,\"delta\":{\"content\":" + q(p)
                            + "},\"finish_reason\":null}]}\n\n").toList(),
                    List.of(chunk + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
                            chunk + "[]," + usage(in, out) + "}\n\n",
                            "data: [DONE]\n\n"));
        }

        private static String usage(int in, int out) {
            return "\"usage\":{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + out
                    + ",\"total_tokens\":" + (in + out) + "}";
        }

        public String error(String detail) {
            return "{\"error\":{\"message\":" + q(detail) + ",\"type\":\"server_error\",\"param\":null,\"code\":null}}";
        }

        public List<String> conversation(JsonNode request) {
            return roleLines(request.path("messages"));
        }

        public String apiKey(StandIn.Request request) {
            String auth = request.headers().getFirst("Authorization");
            return auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        }
    }

    /** Anthropic {@code /v1/messages}: JSON, or SSE {@code message_start} ... {@code message_stop}. */
    final class Anthropic implements WireFormat {
        public ModelFamily family() { return ModelFamily.ANTHROPIC; }

        public String model() { return "claude-3-5-haiku"; }

        public String path() { return "/v1/messages"; }

        public ProviderEndpoints endpoints(String baseUrl) {
            return new ProviderEndpoints("", "", KEY, baseUrl, "");
        }

        public String reply(String model, String text, int in, int out) {
            return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + q(model)
                    + ",\"content\":[{\"type\":\"text\",\"text\":" + q(text) + "}],\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + in + ",\"output_tokens\":" + out + "}}";
        }

        public Stream stream(String model, List<String> pieces, int in, int out) {
            return new Stream("text/event-stream",
                    List.of(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":" + q(model)
                                    + ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                                    + "\"usage\":{\"input_tokens\":" + in + ",\"output_tokens\":1}}}"),
                            event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                            event("ping", "{\"type\":\"ping\"}")),
                    pieces.stream().map(p -> event("content_block_delta", "{\"type\":\"content_block_delta\","
                            + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":" + q(p) + "}}")).toList(),
                    List.of(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                            event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                                    + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + out + "}}"),
                            event("message_stop", "{\"type\":\"message_stop\"}")));
        }

        private static String event(String name, String data) {
            return "event: " + name + "\ndata: " + data + "\n\n";
        }

        public String error(String detail) {
            return "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":" + q(detail) + "}}";
        }

        public List<String> conversation(JsonNode request) {
            List<String> lines = new ArrayList<>();
            if (!request.path("system").isMissingNode()) lines.add("system: " + text(request.path("system")));
            lines.addAll(roleLines(request.path("messages")));
            return lines;
        }

        public String apiKey(StandIn.Request request) {
            return request.headers().getFirst("x-api-key");
        }
    }

    /** Ollama {@code /api/chat}: JSON, or NDJSON lines ending with {@code "done":true} and the counts. */
    final class Ollama implements WireFormat {
        public ModelFamily family() { return ModelFamily.OLLAMA; }

        public String model() { return "llama3.2"; }

        public String path() { return "/api/chat"; }

        public ProviderEndpoints endpoints(String baseUrl) {
            return new ProviderEndpoints("", "", "", "", baseUrl);
        }

        public String reply(String model, String text, int in, int out) {
            return line(model, text, true, in, out).trim();
        }

        public Stream stream(String model, List<String> pieces, int in, int out) {
            return new Stream("application/x-ndjson", List.of(),
                    IntStream.range(0, pieces.size()).mapToObj(i -> line(model, pieces.get(i), false, 0, 0)).toList(),
                    List.of(line(model, "", true, in, out)));
        }

        private static String line(String model, String text, boolean done, int in, int out) {
            String counts = done ? ",\"done_reason\":\"stop\",\"total_duration\":1000,\"load_duration\":10,"
                    + "\"prompt_eval_count\":" + in + ",\"prompt_eval_duration\":100,\"eval_count\":" + out
                    + ",\"eval_duration\":500" : "";
            return "{\"model\":" + q(model) + ",\"created_at\":\"2025-01-01T00:00:00Z\",\"message\":{\"role\":"
                    + "\"assistant\",\"content\":" + q(text) + "},\"done\":" + done + counts + "}\n";
        }

        public String error(String detail) {
            return "{\"error\":" + q(detail) + "}";
        }

        public List<String> conversation(JsonNode request) {
            return roleLines(request.path("messages"));
        }

        public String apiKey(StandIn.Request request) {
            return null;
        }
    }
}
