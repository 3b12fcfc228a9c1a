package io.consoul.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word on a request it rejected itself, before any servlet ran (an encoded NUL or a bad URI, a
 * malformed header): the contract's JSON error body instead of Tomcat's HTML page. Errors that reach the
 * application are answered by Spring ({@link ErrorPageController}) and never get here with an empty body.
 */
final class JsonErrorReportValve extends ErrorReportValve {
    private final JsonMapper json;

    JsonErrorReportValve(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) return;
        ErrorCode code = ErrorPageController.codeOf(status);
        String message = code == ErrorCode.INTERNAL_ERROR ? "Internal server error" : "Request rejected";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(ErrorBody.of(code, message, null, null)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response already started: nothing more can be sent
        }
    }
}
