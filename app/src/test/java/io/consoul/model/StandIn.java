package io.consoul.model;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * A local stand-in for a model provider: a JDK HTTP server on a free loopback port that records every request
 * and answers with whatever the test scripted, in the provider's real wire format.
 */
final class StandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String method, String path, Headers headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @FunctionalInterface
    interface Responder {
        void respond(Request request, HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stand-in");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Responder responder = (request, exchange) -> send(exchange, 404, "application/json", "{}");

    private StandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            try {
                responder.respond(request, exchange);
            } catch (Exception e) {
                // the client gave up (a timeout test) or the test is closing the stand-in
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    static StandIn start() throws IOException {
        return new StandIn();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void respond(Responder responder) {
        this.responder = responder;
    }

    /** Answers nothing until the test ends: a provider that hangs. */
    void stall() {
        respond((request, exchange) -> hang());
    }

    /** Blocks a responder until the test ends, as a provider that stopped sending would. */
    void hang() throws InterruptedException {
        closing.await(30, TimeUnit.SECONDS);
    }

    List<Request> requests() {
        return requests;
    }

    Request lastRequest() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Starts a chunked response whose every {@link Chunks#send} reaches the client at once. */
    static Chunks chunked(HttpExchange exchange, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, 0);
        return new Chunks(exchange.getResponseBody());
    }

    record Chunks(OutputStream out) {
        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
