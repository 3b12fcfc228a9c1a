package io.consoul.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Protected by default: every route the running app maps, found by walking Spring's own handler mappings (not a
 * list kept beside the controllers), refuses a caller without a key and counts a keyed call against the limit —
 * except {@link Routes#PUBLIC}. A controller added tomorrow is covered without anyone remembering to add it here.
 */
class EveryRouteNeedsAKeyTest {
    static final String KEY = "sk-every-route-needs-a-key";
    /** One key a route, so each route's second call meets its own used-up limit (buckets are per route and key). */
    static final List<String> ROUTE_KEYS = java.util.stream.IntStream.range(0, 20)
            .mapToObj(i -> String.format("sk-every-route-limit-%02d", i)).toList();
    /** Valid for every POST route (unknown fields are ignored), so the call gets past validation to the limit. */
    static final String BODY = "{\"session_id\":\"walk\",\"message\":\"hi\",\"messages\":[{\"content\":\"hi\"}]}";
    static ConsoulInstance app;

    @BeforeAll
    static void start() {
        app = ConsoulInstance.start(Map.of("consoul.api-keys", KEY + "," + String.join(",", ROUTE_KEYS),
                "consoul.rate-limit", "1/hour"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyMappedRouteButThePublicOnesIsA401WithoutAKey() {
        List<String> refused = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (Route route : routes()) {
            Http.Response r = call(route.method(), route.path(), "{}");
            if (Routes.isPublic(route.path())) {
                assertThat(r.status()).as(route + " is public").isNotEqualTo(401);
                open.add(route.toString());
            } else {
                assertThat(r.status()).as(route + " without a key").isEqualTo(401);
                assertThat(r.json().get("code").asString()).as(route.toString()).isEqualTo("E011");
                assertThat(r.header("WWW-Authenticate")).as(route.toString()).isEqualTo("ApiKey name=X-API-Key");
                refused.add(route.toString());
            }
        }
        // the walk saw the API itself, and the only open routes are the probes, the document and the error page
        assertThat(refused).contains("POST /chat", "POST /chat/batch", "POST /chat/stream", "GET /sessions/{id}",
                "DELETE /sessions/{id}");
        assertThat(open).allSatisfy(route -> assertThat(route).matches(".* /(health|ready|openapi\\.json.*|error)"));
    }

    @Test
    void everyMappedRouteButThePublicOnesCountsAKeyedCallAgainstTheLimit() {
        List<String> limited = new ArrayList<>();
        int k = 0;
        for (Route route : routes()) {
            if (Routes.isPublic(route.path())) continue;
            String key = ROUTE_KEYS.get(k++);
            Http.Response first = call(route.method(), route.path(), BODY, "X-API-Key", key);
            assertThat(first.status()).as(route + " first call: " + first.body()).isNotIn(401, 422, 429);
            assertThat(first.header("X-RateLimit-Limit")).as(route + " first call").isEqualTo("1");
            Http.Response second = call(route.method(), route.path(), BODY, "X-API-Key", key);
            assertThat(second.status()).as(route + " second call under 1/hour").isEqualTo(429);
            assertThat(second.json().get("code").asString()).isEqualTo("E429");
            limited.add(route.toString());
        }
        assertThat(limited).contains("POST /chat", "POST /chat/batch", "POST /chat/stream", "GET /sessions/{id}",
                "DELETE /sessions/{id}");
    }

    @Test
    void theWebSocketEndpointRefusesAHandshakeWithoutAKey() {
        List<String> sockets = new ArrayList<>();
        app.context().getBeansOfType(AbstractUrlHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMap().forEach((pattern, handler) -> {
                    if (handler instanceof WebSocketHttpRequestHandler) sockets.add(pattern);
                }));
        assertThat(sockets).contains("/ws/chat/{session_id}");
        for (String pattern : sockets) {
            String path = pattern.replaceAll("\\{[^}]*}", "x");
            // the contract's WebSocket refusal: 403 before the upgrade (the reference closes with 1008, seen as 403)
            assertThat(handshakeStatus(path)).as(pattern + " without a key").isEqualTo(403);
            assertThat(handshakeStatus(path + "?api_key=" + KEY)).as(pattern + " with the key").isEqualTo(101);
        }
    }

    /** A mapped route: one method of one pattern, with {@code x} for each path variable. */
    record Route(RequestMethod method, String pattern) {
        String path() {
            return pattern.replaceAll("\\{[^}]*}", "x");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** Every route Spring MVC maps in the running app (a mapping without methods answers any: GET stands for it). */
    private static List<Route> routes() {
        RequestMappingHandlerMapping mapping = app.context()
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    routes.add(new Route(method, pattern));
                }
            }
        }
        return routes;
    }

    private static Http.Response call(RequestMethod method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url() + path))
                .header("Content-Type", "application/json")
                .method(method.name(), switch (method) {
                    case POST, PUT, PATCH -> HttpRequest.BodyPublishers.ofString(body);
                    default -> HttpRequest.BodyPublishers.noBody();
                });
        return Http.send(request, headers);
    }

    private static int handshakeStatus(String pathAndQuery) {
        URI uri = URI.create(app.url().replace("http://", "ws://") + pathAndQuery);
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new java.net.http.WebSocket.Listener() {})
                    .join().abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) return refused.getResponse().statusCode();
            throw e;
        }
    }
}
