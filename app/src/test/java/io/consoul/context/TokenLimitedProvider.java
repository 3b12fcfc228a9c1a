package io.consoul.context;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in OpenAI chat-completions server with a hard context limit: it counts every prompt with o200k_base (the
 * real tokenizer of gpt-4o) and, like the real API, refuses one over its limit with a 400
 * {@code context_length_exceeded}. It answers the rest with a reply of the scripted length.
 */
final class TokenLimitedProvider implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    /** One prompt as received: its messages as {@code role: content} and its size in tokens. */
    record Prompt(List<String> messages, int tokens) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final int limit;
    private final IntFunction<String> reply;
    private final List<Prompt> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger rejected = new AtomicInteger();

    TokenLimitedProvider(int limit, IntFunction<String> reply) throws IOException {
        this.limit = limit;
        this.reply = reply;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code OPENAI_BASE_URL} for the app. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    List<Prompt> accepted() {
        return accepted;
    }

    int rejected() {
        return rejected.get();
    }

    /** Tokens of a prompt as this provider counts them: content, 4 per message, 2 per prompt. */
    static int tokens(List<String> contents) {
        return 2 + contents.stream().mapToInt(c -> 4 + O200K.countTokensOrdinary(c)).sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            List<String> lines = new ArrayList<>();
            List<String> contents = new ArrayList<>();
            for (JsonNode m : request.path("messages")) {
                lines.add(m.path("role").asString() + ": " + m.path("content").asString());
                contents.add(m.path("content").asString());
            }
            int tokens = tokens(contents);
            if (tokens > limit) {
                rejected.incrementAndGet();
                send(exchange, 400, "{\"error\":{\"message\":\"This model's maximum context length is " + limit
                        + " tokens. However, your messages resulted in " + tokens + " tokens.\",\"type\":"
                        + "\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}");
                return;
            }
            int turn = accepted.size();
            accepted.add(new Prompt(lines, tokens));
            String text = reply.apply(turn);
            send(exchange, 200, "{\"id\":\"chatcmpl-" + turn + "\",\"object\":\"chat.completion\",\"created\":1700000000,"
                    + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                    + JSON.writeValueAsString(text) + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":" + tokens + ",\"completion_tokens\":"
                    + O200K.countTokensOrdinary(text) + ",\"total_tokens\":" + tokens + "}}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
