package io.consoul.chat;

import io.consoul.auth.AuthInterceptor;
import io.consoul.auth.InvalidApiKeyException;
import io.consoul.config.ConsoulProperties;
import io.consoul.config.SettingList;
import io.consoul.ratelimit.RateLimitGate;
import io.consoul.web.ApiErrors;
import io.consoul.web.ApiException;
import io.consoul.web.ClientAddress;
import io.consoul.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers {@link ChatSocket}. The handshake authenticates as the reference does ({@code ?api_key=}, and also the
 * key header): a missing or wrong key is refused before the upgrade with 403 and the contract's error body (the
 * reference closes with 1008 before accepting, which clients see as a 403). Origins are the CORS settings'.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatSocketConfig implements WebSocketConfigurer {
    private static final String PREFIX = "/ws/chat/";

    private final ChatSocket socket;
    private final AuthInterceptor auth;
    private final ClientAddress addresses;
    private final JsonMapper json;
    private final String[] origins;

    ChatSocketConfig(ChatService chat, RateLimitGate limits, OpenStreams streams, ExecutorService chatWorkers,
                     JsonMapper json, AuthInterceptor auth, ClientAddress addresses, ConsoulProperties p) {
        this.socket = new ChatSocket(chat, limits, streams, chatWorkers, json);
        this.auth = auth;
        this.addresses = addresses;
        this.json = json;
        this.origins = SettingList.parse("CONSOUL_CORS_ORIGINS", p.corsOrigins()).toArray(String[]::new);
    }

    /**
     * Messages up to {@code CONSOUL_MAX_BODY_SIZE}, as HTTP bodies: the container's default (8 KiB) would close the
     * connection on a valid 32768-character message.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(ConsoulProperties p) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        int limit = (int) Math.min(p.maxBodySize(), Integer.MAX_VALUE);
        container.setMaxTextMessageBufferSize(limit);
        container.setMaxBinaryMessageBufferSize(limit);
        return container;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(socket, ChatSocket.ROUTE).addInterceptors(new Handshake()).setAllowedOrigins(origins);
    }

    private final class Handshake implements HandshakeInterceptor {
        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                       Map<String, Object> attributes) throws Exception {
            HttpServletRequest http = ((ServletServerHttpRequest) request).getServletRequest();
            String raw = http.getRequestURI().substring(http.getContextPath().length() + PREFIX.length());
            String sessionId = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (sessionId.isEmpty() || sessionId.length() > 128) {
                return refuse(response, new ApiException(ErrorCode.VALIDATION_ERROR, "session_id must be 1 to 128 characters",
                        null, Map.of("fields", Map.of("session_id", "size must be between 1 and 128"))));
            }
            try {
                attributes.put(ChatSocket.CALLER, auth.authenticate(auth.location().of(http)));
            } catch (InvalidApiKeyException e) {
                return refuse(response, ApiErrors.of(e));
            }
            attributes.put(ChatSocket.SESSION_ID, sessionId);
            attributes.put(ChatSocket.CLIENT_ADDRESS, addresses.of(http));
            return true;
        }

        /** The contract's body; a key refusal is 403 here, as clients of the reference see a WebSocket refusal. */
        private boolean refuse(ServerHttpResponse response, ApiException e) throws java.io.IOException {
            response.setStatusCode(e.errorCode() == ErrorCode.INVALID_API_KEY ? HttpStatus.FORBIDDEN : e.errorCode().status());
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            response.getBody().write(json.writeValueAsBytes(e.body()));
            return false;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Exception exception) {
        }
    }
}
