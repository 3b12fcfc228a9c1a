package io.consoul.session;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON fields this server does not know (the reference server's, or a newer version's), read and written back
 * unchanged, so a session survives a round trip through either server.
 */
abstract class KeptFields {
    private final Map<String, Object> other = new LinkedHashMap<>();

    @JsonAnySetter
    void set(String name, Object value) {
        other.put(name, value);
    }

    @JsonAnyGetter
    Map<String, Object> other() {
        return other;
    }
}
