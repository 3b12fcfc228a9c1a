package io.consoul.cli.switching;

import io.consoul.client.ConsoulApiException;
import io.consoul.client.ConsoulClient;
import io.consoul.client.ConsoulTransportException;
import io.consoul.client.Responses;
import io.consoul.client.RetryPolicy;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

/**
 * The few Consoul API calls the smoke gate and status make ({@code /health}, {@code /ready}, one {@code /chat}),
 * through the project's Java client. Answers are reduced to what the gate judges: a status and a few fields.
 */
class ConsoulApi {
    /** The guide's health-check timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final String baseUrl;
    private final java.util.Map<String, String> headers;

    ConsoulApi(String baseUrl) {
        this(baseUrl, java.util.Map.of());
    }

    /** With headers for what is in front of the API (a private Cloud Run service's identity token). */
    ConsoulApi(String baseUrl, java.util.Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    /** What one call answered: its HTTP status and the fields the gate reads. */
    record Reply(int status, String state, String version, String detail) {
    }

    Reply health() throws IOException {
        return call(null, client -> {
            Responses.Health health = client.health();
            return new Reply(200, health.status(), health.version(), null);
        });
    }

    Reply ready() throws IOException {
        return call(null, client -> {
            Responses.Readiness ready = client.ready();
            return new Reply(ready.ready() ? 200 : 503, ready.status(), null, ready.message());
        });
    }

    /** One chat turn in a fresh session, on the deployment's default model. */
    Reply chat(String apiKey, String message) throws IOException {
        return call(apiKey, client -> {
            Responses.ChatResponse chat = client.chat("consoul-smoke-" + UUID.randomUUID(), message);
            boolean answered = chat.response() != null && !chat.response().isBlank();
            return new Reply(200, answered ? "answered" : "empty reply", null, "model " + chat.model());
        });
    }

    private interface Call {
        Reply on(ConsoulClient client);
    }

    /** No retries: a smoke test reports what the colour does on the first try. */
    private Reply call(String apiKey, Call call) throws IOException {
        ConsoulClient.Builder builder = ConsoulClient.builder(baseUrl).connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(TIMEOUT).retry(RetryPolicy.NONE);
        if (apiKey != null) {
            builder.apiKey(apiKey);
        }
        headers.forEach(builder::header);
        try {
            return call.on(builder.build());
        } catch (ConsoulApiException e) {
            return new Reply(e.status(), null, null, e.error());
        } catch (ConsoulTransportException | IllegalArgumentException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName(), e);
        }
    }
}
