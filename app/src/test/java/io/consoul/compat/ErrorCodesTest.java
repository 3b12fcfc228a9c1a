package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Ported from {@code tests/server/test_error_codes.py}: the error catalogue as clients meet it, in the bodies of
 * real error responses (the registry itself is internal).
 */
class ErrorCodesTest {
    static Server server() {
        return Reference.server(Mode.MEMORY_KEYS);
    }

    /** One real response per error the service gives without a broken dependency. */
    static List<JsonNode> errorBodies() {
        Server s = server();
        return List.of(
                Http.post(s.url() + "/chat", Http.chatBody("x", "y")).json(),                      // 401
                s.postJson("/chat", Map.of("session_id", "x")).json(),                              // 422
                s.post("/chat", BodySizeLimitTest.chatOfSize(1024 * 1024 + 1)).json(),              // 413
                s.get("/sessions/" + Reference.unique("none")).json(),                              // 404
                s.get("/chat").json(),                                                              // 405
                Servers.deadSessionStore().chat("x", "y").json());                                  // 503
    }

    @Test
    @DisplayName("test_error_codes.py::TestErrorCodeRegistry::test_codes_follow_format")
    void codesFollowFormat() {
        errorBodies().forEach(b -> assertThat(b.get("code").asString()).matches("E\\d{3}"));
    }

    @Test
    @DisplayName("test_error_codes.py::TestErrorCodeRegistry::test_error_field_is_snake_case")
    void errorNamesAreSnakeCase() {
        errorBodies().forEach(b -> assertThat(b.get("error").asString()).matches("[a-z][a-z0-9_]*"));
    }

    @Test
    @DisplayName("test_error_codes.py::TestErrorCodeRegistry::test_recoverable_is_boolean")
    void recoverableIsBoolean() {
        errorBodies().forEach(b -> assertThat(b.get("recoverable").isBoolean()).isTrue());
    }

    @Test
    @DisplayName("test_error_codes.py::TestErrorCodeRegistry::test_message_is_non_empty_string")
    void messageNonEmpty() {
        errorBodies().forEach(b -> assertThat(b.get("message").asString()).isNotBlank());
    }

    @Test
    @DisplayName("test_error_codes.py::TestCreateErrorResponse::test_all_error_codes_produce_valid_response")
    void everyBodyHasEveryField() {
        errorBodies().forEach(b -> assertThat(b.propertyNames())
                .contains("code", "error", "message", "recoverable", "retry_after", "details", "timestamp"));
    }

    @Test
    @DisplayName("test_error_codes.py::TestCreateErrorResponse::test_timestamp_is_iso_format")
    void timestampIso() {
        errorBodies().forEach(b -> {
            String t = b.get("timestamp").asString();
            assertThat(t).contains("T");
            assertThat(t.endsWith("Z") || t.contains("+")).isTrue();
            assertThat(OffsetDateTime.parse(t)).isNotNull();
        });
    }

    @Test
    @DisplayName("test_error_codes.py::TestCreateErrorResponse::test_retry_after_for_recoverable_errors")
    void retryAfterForRecoverable() {
        JsonNode storage = Servers.deadSessionStore().chat("x", "y").json();
        assertThat(storage.get("retry_after").asInt()).isEqualTo(30);
        assertThat(storage.get("recoverable").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("test_error_codes.py::TestCreateErrorResponse::test_details_field")
    void detailsField() {
        assertThat(server().post("/chat", BodySizeLimitTest.chatOfSize(1024 * 1024 + 1)).json().at("/details/limit").asLong())
                .isEqualTo(1048576);
    }

    @Test
    @DisplayName("test_error_codes.py::TestSpecificErrorCodes::test_error_code_mappings")
    void mappings() {
        Server s = server();
        assertThat(Http.post(s.url() + "/chat", Http.chatBody("x", "y")).json().get("error").asString()).isEqualTo("invalid_api_key");
        Http.Response storage = Servers.deadSessionStore().chat("x", "y");
        assertThat(storage.status()).isEqualTo(503);
        assertThat(storage.json().get("code").asString()).isEqualTo("E110");
        Http.Response large = s.post("/chat", BodySizeLimitTest.chatOfSize(1024 * 1024 + 1));
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.json().get("code").asString()).isEqualTo("E006");
        assertThat(large.json().get("error").asString()).isEqualTo("request_too_large");
    }

    @Test
    @DisplayName("test_error_codes.py::TestRecoverableErrors::test_session_storage_is_recoverable")
    void storageRecoverable() {
        assertThat(Servers.deadSessionStore().chat("x", "y").json().get("recoverable").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("test_error_codes.py::TestRecoverableErrors::test_rate_limit_errors_are_recoverable")
    void rateLimitRecoverable() {
        Server strict = Servers.strict();
        Http.Response r = null;
        for (int i = 0; i < 3; i++) r = strict.delete("/sessions/" + Reference.unique("recoverable"));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().get("recoverable").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("test_error_codes.py::TestRecoverableErrors::test_validation_errors_are_not_recoverable")
    void validationNotRecoverable() {
        assertThat(server().postJson("/chat", Map.of("session_id", "x")).json().get("recoverable").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("test_error_codes.py::TestRecoverableErrors::test_auth_errors_are_not_recoverable")
    void authNotRecoverable() {
        assertThat(Http.post(server().url() + "/chat", Http.chatBody("x", "y")).json().get("recoverable").asBoolean()).isFalse();
    }
}
