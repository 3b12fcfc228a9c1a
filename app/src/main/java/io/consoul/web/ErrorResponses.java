package io.consoul.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes the contract's error body where no controller advice runs (servlet filters). */
public final class ErrorResponses {
    private ErrorResponses() {}

    public static void write(HttpServletResponse response, JsonMapper json, ApiException e) throws IOException {
        response.setStatus(e.errorCode().status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (e.retryAfter() != null) response.setHeader(HttpHeaders.RETRY_AFTER, e.retryAfter().toString());
        e.headers().forEach(response::setHeader);
        json.writeValue(response.getOutputStream(), e.body());
    }
}
