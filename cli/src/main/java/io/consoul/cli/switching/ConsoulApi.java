package io.consoul.cli.switching;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * The few Consoul API calls the smoke gate makes ({@code /health}, {@code /ready}, one {@code /chat}). Kept in one
 * small class so that the project's Java client ({@code client/}) can replace its body without touching the gate.
 */
class ConsoulApi {
    /** The guide's health-check timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String baseUrl;

    ConsoulApi(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A response: its status and, when the body was JSON, the body. */
    record Reply(int status, JsonObject body) {
        String field(String name) {
            return body != null && body.has(name) && body.get(name).isJsonPrimitive() ? body.get(name).getAsString() : null;
        }
    }

    Reply health() throws IOException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).GET());
    }

    Reply ready() throws IOException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/ready")).GET());
    }

    /** One chat turn in a fresh session, on the deployment's default model. */
    Reply chat(String apiKey, String message) throws IOException {
        JsonObject body = new JsonObject();
        body.addProperty("session_id", "consoul-smoke-" + UUID.randomUUID());
        body.addProperty("message", message);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/chat"))
                .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private Reply send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), json(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad URL " + baseUrl, e);
        }
    }

    private static JsonObject json(String body) {
        try {
            var element = JsonParser.parseString(body);
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
