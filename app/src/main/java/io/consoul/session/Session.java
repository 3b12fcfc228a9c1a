package io.consoul.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A conversation as stored in Redis, field for field the reference server's {@code save_session_state} JSON, so
 * both servers can share a Redis during a migration: timestamps are Unix seconds (floats), {@code config} carries
 * the reference's keys, {@code metadata} its {@code SessionMetadata} shape. Documents from either server read
 * (ISO or numeric timestamps, optional fields missing); fields this server does not know are written back unchanged.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public final class Session extends KeptFields {
    /**
     * Where the owner's key hash lives: {@code metadata.custom}, the one part of the reference's metadata that
     * its {@code SessionMetadata.from_dict}/{@code to_dict} round trip keeps, so a Python instance continuing the
     * session does not drop the owner. Earlier versions of this server wrote {@code metadata.owner}; still read.
     */
    static final String OWNER = "owner";
    private static final String CUSTOM = "custom";

    @JsonProperty("session_id") public String sessionId;
    public String model;
    public Double temperature = 0.7;
    public List<Message> messages = new ArrayList<>();
    @JsonProperty("created_at")
    @JsonDeserialize(using = SessionTime.Reader.class) @JsonSerialize(using = SessionTime.Writer.class)
    public Double createdAt;
    @JsonProperty("updated_at")
    @JsonDeserialize(using = SessionTime.Reader.class) @JsonSerialize(using = SessionTime.Writer.class)
    public Double updatedAt;
    public String version = "1.0";
    public Map<String, Object> config = referenceConfig();
    /** Absent, as the reference writes it, for sessions without an owner (authentication off). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Map<String, Object> metadata;

    @JsonIgnore public String createdAtIso() { return SessionTime.iso(createdAt); }
    @JsonIgnore public String updatedAtIso() { return SessionTime.iso(updatedAt); }

    /** The owner's key hash, or null for an open session (auth off, or written by the reference). */
    @JsonIgnore
    String owner() {
        if (metadata == null) return null;
        if (metadata.get(CUSTOM) instanceof Map<?, ?> custom && custom.get(OWNER) != null) return custom.get(OWNER).toString();
        Object legacy = metadata.get(OWNER);
        return legacy == null ? null : legacy.toString();
    }

    /** A session belongs to the key that created it; sessions without an owner (auth off, or legacy) are open. */
    boolean ownedBy(String ownerHash) {
        String owner = owner();
        return owner == null || owner.equals(ownerHash);
    }

    /** Records the owner in the reference's {@code SessionMetadata} shape (all its fields, owner under custom). */
    void ownBy(String ownerHash) {
        if (ownerHash == null) return;
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put(OWNER, ownerHash);
        metadata = new LinkedHashMap<>();
        metadata.put("user_id", null);
        metadata.put("tenant_id", null);
        metadata.put("namespace", null);
        metadata.put("created_by", null);
        metadata.put("tags", new ArrayList<>());
        metadata.put(CUSTOM, custom);
        metadata.put("schema_version", "1.0");
    }

    /** The {@code config} block the reference's {@code save_session_state} writes for a server session. */
    static Map<String, Object> referenceConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("system_prompt", null);
        config.put("tools_enabled", false);
        config.put("summarize", false);
        config.put("summarize_threshold", 20);
        config.put("keep_recent", 10);
        config.put("summary_model", null);
        return config;
    }

    /** One chat message; fields beyond role and content (the reference's tool calls, ids, timestamps) are kept. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Message extends KeptFields {
        public String role;
        /** Text; LangChain content blocks ({@code [{"type":"text","text":…}]}) read as their joined text, as the reference does. */
        @JsonDeserialize(using = MessageContent.class)
        public String content;

        public Message() {}

        public Message(String role, String content) {
            this.role = role;
            this.content = content;
        }

        public static Message user(String content) { return new Message("user", content); }
        public static Message assistant(String content) { return new Message("assistant", content); }
    }
}
