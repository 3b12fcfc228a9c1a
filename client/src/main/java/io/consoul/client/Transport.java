package io.consoul.client;

import io.consoul.client.Responses.StreamResult;
import io.consoul.client.Responses.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Requests, the retry loop and the mapping of answers to types and typed errors. */
final class Transport {
    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final HttpClient client;
    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final java.util.Map<String, String> headers;

    Transport(HttpClient client, URI base, String apiKey, Duration timeout, RetryPolicy retry,
              java.util.Map<String, String> headers) {
        this.client = client;
        this.base = base;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.retry = retry;
        this.headers = java.util.Map.copyOf(headers);
    }

    ChatSocket openSocket(String sessionId, String encodedId) {
        return ChatSocket.open(client, base, apiKey, sessionId, timeout, encodedId);
    }

    <T> T get(String path, Class<T> type, boolean notReadyIsAnAnswer) {
        HttpResponse<String> r = exchange(() -> request(path).GET(), HttpResponse.BodyHandlers.ofString(), true,
                notReadyIsAnAnswer);
        if (r.statusCode() == 200 || (notReadyIsAnAnswer && r.statusCode() == 503)) return read(r.body(), type);
        throw error(r.statusCode(), r.body());
    }

    <T> T post(String path, Object body, Class<T> type) {
        HttpResponse<String> r = exchange(() -> json(request(path), body), HttpResponse.BodyHandlers.ofString(),
                retry.retryChat(), false);
        if (r.statusCode() == 200) return read(r.body(), type);
        throw error(r.statusCode(), r.body());
    }

    void delete(String path) {
        HttpResponse<String> r = exchange(() -> request(path).DELETE(), HttpResponse.BodyHandlers.ofString(), true, false);
        if (r.statusCode() != 200) throw error(r.statusCode(), r.body());
    }

    StreamResult stream(String path, Object body, Consumer<String> onToken) {
        HttpResponse<Stream<String>> r = exchange(() -> json(request(path), body).header("Accept", "text/event-stream"),
                HttpResponse.BodyHandlers.ofLines(), retry.retryChat(), false);
        try (Stream<String> lines = r.body()) {
            if (r.statusCode() != 200) throw error(r.statusCode(), String.join("\n", (Iterable<String>) lines::iterator));
            return readEvents(lines.iterator(), onToken);
        } catch (UncheckedIOException e) {
            throw new ConsoulTransportException("stream interrupted", e);
        }
    }

    /** {@code event: <type>} / {@code data: <json>} / blank line, as the contract frames them. */
    private static StreamResult readEvents(Iterator<String> lines, Consumer<String> onToken) {
        StringBuilder text = new StringBuilder();
        String event = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:") && event != null) {
                JsonNode data = JSON.readTree(line.substring(5).trim());
                switch (event) {
                    case "token" -> {
                        String piece = data.path("text").asText();
                        text.append(piece);
                        onToken.accept(piece);
                    }
                    case "done" -> {
                        return new StreamResult(data.path("session_id").asText(null), text.toString(),
                                JSON.treeToValue(data.path("usage"), Usage.class), data.path("timestamp").asText(null));
                    }
                    case "error" -> throw apiError(200, data);
                    default -> { } // an event type this client does not know yet: skip it
                }
            }
        }
        throw new ConsoulTransportException("stream ended without a done or error event", null);
    }

    /** Sends, and repeats what the policy allows: 429/503 after their Retry-After, connection failures after a pause. */
    private <B> HttpResponse<B> exchange(Supplier<HttpRequest.Builder> request, HttpResponse.BodyHandler<B> handler,
                                         boolean retryable, boolean notReadyIsAnAnswer) {
        long deadline = System.nanoTime() + retry.maxElapsed().toNanos();
        int attempts = retryable ? retry.maxAttempts() : 1;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<B> response;
            try {
                response = client.send(request.get().build(), handler);
            } catch (ConnectException e) {
                if (attempt < attempts && waitUntil(deadline, backoff(attempt))) continue;
                throw new ConsoulTransportException("cannot connect to " + base, e);
            } catch (IOException e) {
                throw new ConsoulTransportException("no answer from " + base + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConsoulTransportException("interrupted", e);
            }
            int status = response.statusCode();
            boolean refusedForNow = status == 429 || (status == 503 && !notReadyIsAnAnswer);
            if (!refusedForNow || attempt >= attempts) return response;
            Duration wait = retryAfter(response).orElse(backoff(attempt));
            if (!waitUntil(deadline, wait)) return response;
            discard(response);
        }
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        });
    }

    private static Duration backoff(int attempt) {
        return Duration.ofMillis(200L << Math.min(attempt - 1, 5));
    }

    /** Sleeps {@code wait} if that ends before the deadline; false (no sleep) when the budget would be exceeded. */
    private static boolean waitUntil(long deadline, Duration wait) {
        if (System.nanoTime() + wait.toNanos() > deadline) return false;
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof Stream<?> s) s.close();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(base.getPath() + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (apiKey != null && !apiKey.isEmpty()) b.header("X-API-Key", apiKey);
        headers.forEach(b::header);
        return b;
    }

    private static HttpRequest.Builder json(HttpRequest.Builder b, Object body) {
        return b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (RuntimeException e) {
            throw new ConsoulTransportException("unexpected response body for " + type.getSimpleName(), e);
        }
    }

    static ConsoulApiException error(int status, String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (RuntimeException e) {
            node = null;
        }
        if (node == null || !node.has("code")) {
            return new ConsoulApiException(status, "HTTP" + status, "unexpected_response",
                    "the server answered " + status + " without the Consoul error body", status >= 500, null, Map.of());
        }
        return apiError(status, node);
    }

    @SuppressWarnings("unchecked")
    private static ConsoulApiException apiError(int status, JsonNode node) {
        JsonNode retryAfter = node.path("retry_after");
        Map<String, Object> details = node.has("details") && node.get("details").isObject()
                ? JSON.treeToValue(node.get("details"), Map.class) : Map.of();
        return new ConsoulApiException(status, node.path("code").asText(), node.path("error").asText(),
                node.path("message").asText(), node.path("recoverable").asBoolean(),
                retryAfter.isNumber() && retryAfter.asInt() > 0 ? retryAfter.asInt() : null, details);
    }
}
