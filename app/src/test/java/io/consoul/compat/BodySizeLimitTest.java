package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Ported from {@code tests/server/test_body_size_limit.py}. */
class BodySizeLimitTest {
    static String chatOfSize(int bytes) {
        String shell = Http.chatBody("test", "");
        return Http.chatBody("test", "a".repeat(bytes - shell.length()));
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_body_size_limit.py::TestBodySizeLimit::test_default_body_limit_1mb")
    void defaultLimitIs1MiB(Mode mode) {
        assertThat(Reference.server(mode).post("/chat", chatOfSize(1024 * 1024 + 1)).status()).isEqualTo(413);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_body_size_limit.py::TestBodySizeLimit::test_request_within_limit")
    void withinLimit(Mode mode) {
        assertThat(Reference.server(mode).chat(Reference.unique("small"), "hello").status()).isNotEqualTo(413);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_body_size_limit.py::TestBodySizeLimit::test_413_response_format")
    void tooLargeFormat(Mode mode) {
        Http.Response r = Reference.server(mode).post("/chat", chatOfSize(1024 * 1024 + 100));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("error").asString()).isEqualTo("request_too_large");
        assertThat(r.json().at("/details/limit").asLong()).isEqualTo(1024 * 1024);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_body_size_limit.py::TestBodySizeLimit::test_health_endpoints_work")
    void healthEndpointsWork(Mode mode) {
        assertThat(Reference.server(mode).get("/health").status()).isEqualTo(200);
        assertThat(Reference.server(mode).get("/ready").status()).isIn(200, 503);
    }

    @Test
    @DisplayName("test_body_size_limit.py::TestBodySizeLimit::test_custom_body_limit")
    void customLimit() {
        Server server = Servers.configured();
        String key = Reference.PREMIUM_KEY;
        assertThat(server.post("/chat", chatOfSize(2000), "X-Custom-Key", key).status()).isNotEqualTo(413);
        Http.Response r = server.post("/chat", chatOfSize(2049), "X-Custom-Key", key);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().at("/details/limit").asLong()).isEqualTo(2048);
    }

    @Test
    @DisplayName("test_body_size_limit.py::TestBodySizeLimit::test_validation_disabled")
    void validationDisabled() {
        Http.Response r = Servers.unchecked().post("/chat", chatOfSize(1024 * 1024 + 100));
        assertThat(r.status()).isNotEqualTo(413);
    }

    @Test
    @DisplayName("test_body_size_limit.py::TestBodySizeLimit::test_exact_boundary_allowed")
    void exactBoundaryAllowed() {
        Http.Response r = Servers.configured().post("/chat", chatOfSize(2048), "X-Custom-Key", Reference.PREMIUM_KEY);
        assertThat(r.status()).isNotEqualTo(413);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_body_size_limit.py::TestBodySizeLimit::test_get_requests_not_affected")
    void getNotAffected(Mode mode) {
        assertThat(Reference.server(mode).get("/health").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("test_body_size_limit.py::TestValidationConfigModel::test_min_body_size_constraint")
    void belowOneKibibyteRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.consoul.support.ConsoulInstance.start(
                Map.of("CONSOUL_MAX_BODY_SIZE", "512")).close()).hasStackTraceContaining("CONSOUL_MAX_BODY_SIZE is 512");
    }

    @Test
    @DisplayName("test_body_size_limit.py::TestValidationConfigModel::test_max_body_size_constraint")
    void aboveOneHundredMebibytesRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.consoul.support.ConsoulInstance.start(
                Map.of("CONSOUL_MAX_BODY_SIZE", "104857601")).close()).hasStackTraceContaining("CONSOUL_MAX_BODY_SIZE is 104857601");
    }

    @Test
    @DisplayName("test_body_size_limit.py::TestValidationConfigModel::test_default_values")
    void defaults() {
        Http.Response r = Reference.server(Mode.MEMORY_NO_KEYS).post("/chat", chatOfSize(1024 * 1024 + 1));
        assertThat(r.json().at("/details/limit").asLong()).as("validation on, 1 MiB").isEqualTo(1048576);
    }

    @Test
    @DisplayName("test_body_size_limit.py::TestValidationConfigModel::test_disabled_validation")
    void disabled() {
        assertThat(Servers.unchecked().post("/chat", chatOfSize(2 * 1024 * 1024)).status()).isNotEqualTo(413);
    }

    /** A chunked body (no Content-Length) under the limit passes; over it, it is cut off with 413 all the same. */
    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_body_size_limit.py::TestBodySizeLimit::test_missing_content_length_allowed")
    void missingContentLengthAllowed(Mode mode) {
        Server server = Reference.server(mode);
        Http.Response small = Http.send(HttpRequest.newBuilder(URI.create(server.url() + "/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        Http.chatBody(Reference.unique("chunked"), "hello").getBytes()))),
                server.key == null ? new String[0] : new String[] {"X-API-Key", server.key});
        assertThat(small.status()).isEqualTo(200);
    }
}
