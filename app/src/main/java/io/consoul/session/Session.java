package io.consoul.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A conversation as stored in Redis, field for field the reference server's JSON so both servers can share
 * a Redis during a migration. Fields this server does not know are kept and written back unchanged.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public final class Session extends KeptFields {
    static final String OWNER = "owner";

    @JsonProperty("session_id") public String sessionId;
    public String model;
    public Double temperature = 0.7;
    public List<Message> messages = new ArrayList<>();
    @JsonProperty("created_at") public String createdAt;
    @JsonProperty("updated_at") public String updatedAt;
    public String version = "1.0";
    public Map<String, Object> config = new LinkedHashMap<>();
    public Map<String, Object> metadata = new LinkedHashMap<>();

    /** A session belongs to the key that created it; sessions without an owner (auth off, or legacy) are open. */
    boolean ownedBy(String ownerHash) {
        Object owner = metadata == null ? null : metadata.get(OWNER);
        return owner == null || owner.equals(ownerHash);
    }

    /** One chat message; fields beyond role and content (the reference server's timestamps) are kept. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Message extends KeptFields {
        public String role;
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
