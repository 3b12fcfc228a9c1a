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
 * list kept beside the controllers), refuses a caller without a key — except {@link Routes#PUBLIC}. A controller
 * added tomorrow is covered without anyone remembering to add it here.
 */
class EveryRouteNeedsAKeyTest {
    static final String KEY = "sk-every-route-needs-a-key";
    static ConsoulInstance app;

    @BeforeAll
    static void start() {
        app = ConsoulInstance.start(Map.of("consoul.api-keys", KEY));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyMappedRouteButThePublicOnesIsA401WithoutAKey() {
        RequestMappingHandlerMapping mapping = app.context()
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<String> refused = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    String path = pattern.replaceAll("\\{[^}]*}", "x");
                    Http.Response r = call(method, path);
                    String route = method + " " + pattern;
                    if (Routes.isPublic(path)) {
                        assertThat(r.status()).as(route + " is public").isNotEqualTo(401);
                        open.add(route);
                    } else {
                        assertThat(r.status()).as(route + " without a key").isEqualTo(401);
                        assertThat(r.json().get("code").asString()).as(route).isEqualTo("E011");
                        assertThat(r.header("WWW-Authenticate")).as(route).isEqualTo("ApiKey name=X-API-Key");
                        refused.add(route);
                    }
                }
            }
        }
        // the walk saw the API itself, and the only open routes are the probes, the document and the error page
        assertThat(refused).contains("POST /chat", "POST /chat/batch", "POST /chat/stream", "GET /sessions/{id}",
                "DELETE /sessions/{id}");
        assertThat(open).allSatisfy(route -> assertThat(route).matches(".* /(health|ready|openapi\\.json.*|error)"));
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

    private static Http.Response call(RequestMethod method, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url() + path))
                .header("Content-Type", "application/json")
                .method(method.name(), switch (method) {
                    case POST, PUT, PATCH -> HttpRequest.BodyPublishers.ofString("{}");
                    default -> HttpRequest.BodyPublishers.noBody();
                });
        return Http.send(request);
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
