package io.consoul.compat;

import com.sun.net.httpserver.HttpServer;
import io.consoul.support.Http;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI-compatible endpoint standing in for the reference tests' mocked SDK: it answers
 * {@code POST /v1/chat/completions} with {@code "OK: <last user message>"} (whole, or as a stream of chunks when
 * asked to stream), and refuses (400, which is not retried)
 * any request whose last user message contains {@value #FAIL} — so a batch can fail one item and answer the next.
 */
final class FakeOpenAi {
    static final String FAIL = "please fail";
    private static HttpServer server;

    private FakeOpenAi() {}

    static synchronized String baseUrl() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/v1/chat/completions", exchange -> {
                JsonNode request = Http.JSON.readTree(exchange.getRequestBody().readAllBytes());
                JsonNode messages = request.get("messages");
                String last = messages.get(messages.size() - 1).path("content").asString();
                boolean fail = last.contains(FAIL);
                String model = request.path("model").asString();
                Object usage = java.util.Map.of("prompt_tokens", messages.size(), "completion_tokens", 2, "total_tokens", messages.size() + 2);
                String body;
                String type = "application/json";
                if (fail) {
                    body = "{\"error\":{\"message\":\"refused\",\"type\":\"invalid_request_error\"}}";
                } else if (request.path("stream").asBoolean(false)) {
                    type = "text/event-stream";
                    body = "data: " + Http.JSON.writeValueAsString(java.util.Map.of("id", "chatcmpl-1", "object", "chat.completion.chunk",
                            "created", 1, "model", model, "choices", java.util.List.of(java.util.Map.of("index", 0,
                                    "delta", java.util.Map.of("role", "assistant", "content", "OK: " + last))))) + "\n\n"
                            + "data: " + Http.JSON.writeValueAsString(java.util.Map.of("id", "chatcmpl-1", "object", "chat.completion.chunk",
                            "created", 1, "model", model, "choices", java.util.List.of(java.util.Map.of("index", 0,
                                    "delta", java.util.Map.of(), "finish_reason", "stop")), "usage", usage)) + "\n\n"
                            + "data: [DONE]\n\n";
                } else {
                    body = Http.JSON.writeValueAsString(java.util.Map.of(
                            "id", "chatcmpl-1", "object", "chat.completion", "created", 1, "model", model,
                            "choices", java.util.List.of(java.util.Map.of("index", 0, "finish_reason", "stop",
                                    "message", java.util.Map.of("role", "assistant", "content", "OK: " + last))),
                            "usage", usage));
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", type);
                exchange.sendResponseHeaders(fail ? 400 : 200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-openai");
                t.setDaemon(true);
                return t;
            }));
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }
}
