package io.consoul.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document the running service serves at {@code /openapi.json}: valid for an independent validator
 * ({@code @apidevtools/swagger-parser}, run with Node), and complete — every route the service answers is in it.
 */
@Timeout(180)
class OpenApiDocumentTest {
    static final Path CHECKER = Path.of("src/test/openapi");
    static ConsoulInstance app;
    static Http.Response document;

    @BeforeAll
    static void start() {
        app = ConsoulInstance.start(Map.of("consoul.api-keys", "sk-openapi-test-key"));
        document = Http.get(app.url() + "/openapi.json");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theDocumentIsValidOpenApi31ForAnIndependentValidator() throws Exception {
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("openapi").asText()).startsWith("3.1");
        Path file = Files.createTempFile("consoul-openapi", ".json");
        Files.writeString(file, document.body());
        installValidatorIfMissing();
        Process validate = new ProcessBuilder("node", "validate.mjs", file.toString())
                .directory(CHECKER.toFile()).redirectErrorStream(true).start();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("swagger-parser says").startsWith("valid 3.1");
        assertThat(validate.exitValue()).isZero();
    }

    /** A second, stricter opinion: Redocly's recommended ruleset finds no error and no warning. */
    @Test
    void redoclysRecommendedLintIsClean() throws Exception {
        Path file = Files.createTempFile("consoul-openapi", ".json");
        Files.writeString(file, document.body());
        installValidatorIfMissing();
        ProcessBuilder lint = new ProcessBuilder("node", "node_modules/@redocly/cli/bin/cli.js", "lint", "--extends=recommended",
                "--format=json", file.toString()).directory(CHECKER.toFile()).redirectErrorStream(false);
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        lint.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process run = lint.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
        JsonNode report = Http.JSON.readTree(output.substring(output.indexOf('{')));
        assertThat(report.at("/totals/errors").isNumber()).as("Redocly's report: " + output).isTrue();
        assertThat(report.at("/totals/errors").asInt()).as(output).isZero();
        assertThat(report.at("/totals/warnings").asInt()).as(output).isZero();
        assertThat(run.exitValue()).isZero();
    }

    @Test
    void everyRouteTheServiceAnswersIsDocumented() {
        Set<String> served = new HashSet<>();
        app.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                .forEach((info, method) -> info.getPatternValues().forEach(path -> info.getMethodsCondition().getMethods()
                        .forEach(m -> served.add(m.name().toLowerCase() + " " + path))));
        served.removeIf(route -> route.endsWith(" /error") || route.contains("/openapi.json"));
        Set<String> documented = new HashSet<>();
        document.json().get("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> documented.add(method + " " + path.getKey())));
        assertThat(served).isNotEmpty();
        assertThat(documented).containsAll(served);
    }

    @Test
    void limitsErrorsSecurityRateLimitHeadersAndStreamEventsAreDescribed() {
        JsonNode doc = document.json();
        JsonNode chatRequest = doc.at("/components/schemas/ChatRequest/properties");
        assertThat(chatRequest.at("/session_id/maxLength").asInt()).isEqualTo(128);
        assertThat(chatRequest.at("/message/maxLength").asInt()).isEqualTo(32768);
        assertThat(doc.at("/components/schemas/BatchRequest/properties/messages/maxItems").asInt()).isEqualTo(10);
        assertThat(doc.at("/components/schemas/ErrorBody/properties").propertyNames())
                .contains("code", "error", "message", "recoverable", "retry_after", "details", "timestamp");
        assertThat(doc.at("/components/securitySchemes/ApiKey/name").asText()).isEqualTo("X-API-Key");

        JsonNode chat = doc.at("/paths/~1chat/post/responses");
        assertThat(chat.propertyNames()).contains("200", "401", "413", "422", "429", "502", "503", "504");
        assertThat(chat.at("/429/headers").propertyNames()).contains("Retry-After", "X-RateLimit-Limit", "RateLimit-Policy");
        assertThat(chat.at("/200/headers").propertyNames()).contains("X-RateLimit-Remaining", "X-RateLimit-Reset", "RateLimit");
        assertThat(doc.at("/paths/~1sessions~1{id}/get/responses").propertyNames()).contains("404");
        assertThat(doc.at("/paths/~1ready/get/responses").propertyNames()).contains("200", "503");

        assertThat(chat.at("/500/content/application~1json/schema/$ref").asText()).as("the 500 body")
                .isEqualTo("#/components/schemas/ErrorBody");
        assertThat(doc.at("/paths/~1health/get/responses/500").isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1health/get/security").isArray()).as("public: security: []").isTrue();
        assertThat(doc.at("/paths/~1health/get/security")).isEmpty();

        JsonNode stream = doc.at("/paths/~1chat~1stream/post/responses/200/content/text~1event-stream");
        assertThat(stream.at("/schema/oneOf").findValuesAsString("$ref")).containsExactlyInAnyOrder(
                "#/components/schemas/TokenEvent", "#/components/schemas/DoneEvent", "#/components/schemas/StreamErrorEvent");
        for (String schema : List.of("TokenEvent", "DoneEvent", "StreamErrorEvent")) {
            assertThat(doc.at("/components/schemas/" + schema).isMissingNode()).as(schema).isFalse();
        }
    }

    private static void installValidatorIfMissing() throws IOException, InterruptedException {
        if (Files.isDirectory(CHECKER.resolve("node_modules/@apidevtools/swagger-parser"))
                && Files.isDirectory(CHECKER.resolve("node_modules/@redocly/cli"))) return;
        if (!onPath("npm") || !onPath("node")) {
            throw new IllegalStateException("Node.js and npm are needed to validate the OpenAPI document: "
                    + "sudo apt-get install -y nodejs npm (then run the tests again)");
        }
        // Output captured, never inherited: bytes on the fork's stdout would corrupt surefire's channel.
        Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(CHECKER.toFile())
                .redirectErrorStream(true).start();
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed in " + CHECKER.toAbsolutePath() + ":\n" + output);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) return true;
        }
        return false;
    }
}
