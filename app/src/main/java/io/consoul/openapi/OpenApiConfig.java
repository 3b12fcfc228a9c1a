package io.consoul.openapi;

import io.consoul.chat.ChatResponses;
import io.consoul.web.ErrorBody;
import io.consoul.web.Routes;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What springdoc cannot see in the controllers, added in one place: the API-key scheme, the error body on every
 * status an operation can return, the rate-limit headers, and the event types of {@code /chat/stream}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
    private static final String ERROR = "#/components/schemas/ErrorBody";
    private static final Map<String, String> RATE_LIMIT_HEADERS = Map.of(
            "X-RateLimit-Limit", "Requests allowed in the window",
            "X-RateLimit-Remaining", "Requests left in the window",
            "X-RateLimit-Reset", "Seconds until the oldest counted request leaves the window (a slot frees)",
            "RateLimit-Policy", "IETF draft: \"<tier>\";q=<limit>;w=<window seconds>",
            "RateLimit", "IETF draft: \"<tier>\";r=<remaining>;t=<seconds until a slot frees>");

    @Bean
    OpenAPI consoulOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties b = build.getIfAvailable();
        return new OpenAPI()
                // Relative: the document describes whichever server serves it, never a localhost URL.
                .servers(List.of(new Server().url("/").description("The server that serves this document")))
                .info(new Info().title("Consoul API").version(b == null ? "dev" : b.getVersion())
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0"))
                        .description("HTTP API for AI conversations. Sessions and rate limits live in Redis, so any number "
                                + "of instances behave as one. Metrics (Prometheus) are served on the management port, not here."))
                .components(new Components()
                        .addSecuritySchemes("ApiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("Required when the server has CONSOUL_API_KEYS set"))
                        .addSecuritySchemes("ApiKeyQuery", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.QUERY).name("api_key").description("The same key as a query parameter")));
    }

    @Bean
    OpenApiCustomizer consoulResponses() {
        return api -> {
            ModelConverters.getInstance().readAll(ErrorBody.class).forEach(api.getComponents()::addSchemas);
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                document(path, method, operation, !Routes.isPublic(path));
            }));
        };
    }

    private void document(String path, PathItem.HttpMethod method, Operation operation, boolean isProtected) {
        ApiResponses responses = operation.getResponses();
        if (path.equals("/ready")) {
            ApiResponse ok = responses.get("200");
            responses.addApiResponse("503", new ApiResponse().description("Not ready: Redis unreachable or shutting down")
                    .content(ok.getContent()));
        }
        error(responses, "500", "E900 internal_error: an unexpected failure; the body never repeats its cause");
        error(responses, "4XX", "A request the server rejected before serving it (malformed URI or headers, wrong method)");
        if (!isProtected) {
            operation.setSecurity(List.of()); // public: says so explicitly (security: [])
            return;
        }
        operation.addSecurityItem(new SecurityRequirement().addList("ApiKey"));
        operation.addSecurityItem(new SecurityRequirement().addList("ApiKeyQuery"));
        error(responses, "401", "E011 invalid_api_key: missing or wrong key (header WWW-Authenticate: ApiKey name=X-API-Key)");
        error(responses, "422", "E003 validation_error: bad JSON or fields; details.fields names each problem");
        error(responses, "429", "E429 rate_limit_exceeded: retry after Retry-After seconds")
                .addHeaderObject("Retry-After", header("Seconds until a request will be allowed"));
        error(responses, "503", "E110 session_storage_unavailable, E111 rate_limit_storage_unavailable (fail-closed limiter) "
                + "or E206 circuit_breaker_open (the model provider's breaker is open)")
                .addHeaderObject("Retry-After", header("Seconds to wait before retrying"));
        if (path.startsWith("/sessions/")) {
            error(responses, "404", "E404 session_not_found: unknown, or owned by another key");
        }
        if (method == PathItem.HttpMethod.POST) {
            error(responses, "413", "E006 request_too_large: body over CONSOUL_MAX_BODY_SIZE; details.limit");
            error(responses, "415", "E003: Content-Type must be application/json");
            error(responses, "404", "E404 session_not_found: the session belongs to another key");
            error(responses, "502", "E209 model_provider_error: the model call failed");
            error(responses, "504", "E201 model_provider_timeout: the model did not answer in time");
        }
        if (path.equals("/chat/stream")) describeStream(responses.get("200"));
        // The limiter runs after authentication and before anything else: every answer past it carries its headers.
        responses.forEach((status, response) -> {
            if (!status.equals("401") && !status.equals("503")) {
                RATE_LIMIT_HEADERS.forEach((name, text) -> response.addHeaderObject(name, header(text)));
            }
        });
    }

    /** The SSE body: one frame per event, {@code event: <type>\ndata: <json>\n\n}. */
    private void describeStream(ApiResponse ok) {
        Schema<?> frames = new Schema<>().description("Server-Sent Events. Frames `event: <type>` then `data: <json>` then a "
                + "blank line. Types: `token` (data TokenEvent, one per piece of the reply, in order), `done` (data DoneEvent, "
                + "last frame on success; the turn is saved), `error` (data StreamErrorEvent, last frame when the reply failed "
                + "after the stream started).");
        ok.setDescription("text/event-stream of token, done and error events");
        // Each frame's data is one of the event schemas, by its event type.
        frames.oneOf(List.of(new Schema<>().$ref("#/components/schemas/TokenEvent"),
                new Schema<>().$ref("#/components/schemas/DoneEvent"),
                new Schema<>().$ref("#/components/schemas/StreamErrorEvent")));
        MediaType eventStream = new MediaType().schema(frames);
        ok.setContent(new Content().addMediaType("text/event-stream", eventStream));
        ok.addHeaderObject("Cache-Control", header("no-cache, no-store, must-revalidate"));
        ok.addHeaderObject("X-Accel-Buffering", header("no"));
    }

    @Bean
    OpenApiCustomizer streamEventSchemas() {
        return api -> {
            api.getComponents().addSchemas("StreamErrorEvent", new Schema<>().type("object")
                    .description("data of an `error` event")
                    .addProperty("code", new StringSchema().example("E209"))
                    .addProperty("error", new StringSchema().example("model_provider_error"))
                    .addProperty("message", new StringSchema())
                    .addProperty("recoverable", new Schema<>().type("boolean"))
                    .addProperty("retry_after", new IntegerSchema())
                    .required(List.of("code", "error", "message", "recoverable", "retry_after")));
            ModelConverters.getInstance().readAll(ChatResponses.Token.class).forEach(api.getComponents()::addSchemas);
            ModelConverters.getInstance().readAll(ChatResponses.Done.class).forEach(api.getComponents()::addSchemas);
        };
    }

    private static ApiResponse error(ApiResponses responses, String status, String description) {
        ApiResponse response = new ApiResponse().description(description)
                .content(new Content().addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(ERROR))));
        responses.addApiResponse(status, response);
        return response;
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new StringSchema());
    }
}
