package io.consoul.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Requests Tomcat refuses before any servlet runs (an encoded NUL, a bad URI, malformed headers) still get the
 * contract's JSON error body, never Tomcat's HTML page and never a 500. Sent over a raw socket, as a broken
 * client or a scanner would.
 */
class RejectedBeforeTheAppTest {
    static ConsoulInstance app;

    @BeforeAll
    static void start() {
        app = ConsoulInstance.start(Map.of("consoul.api-keys", "sk-rejected-test-key"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET /sessions/%00 HTTP/1.1",
            "GET /chat/%00/x HTTP/1.1",
            "GET /sessions/%2e%2e/%2e%2e/etc HTTP/1.1",
            "GET /sessions/a%5cb HTTP/1.1",
            "GET /sessions/%zz HTTP/1.1",
            "GET /../../etc/passwd HTTP/1.1",
            "GET /chat?x=a|b HTTP/1.1",
            "GET /health HTTP/1.1\r\nBad Header: x",
            "GET /health HTTP/1.1\r\nX-Nul: a\u0000b",
            "GET /health HTTP/1.1\r\nContent-Length: abc",
            "POST /chat HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2",
            "GET /health HTTP/1.1\r\nTransfer-Encoding: gzip, chunked, identity",
    })
    void aRequestTomcatRefusesGetsTheJsonErrorBody(String head) throws IOException {
        String raw = rawExchange(head);
        int status = Integer.parseInt(raw.substring(9, 12));
        assertThat(status).as(raw).isBetween(400, 499);
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        if (raw.toLowerCase().contains("transfer-encoding: chunked")) body = dechunk(body);
        assertThat(raw.toLowerCase()).as(raw).contains("content-type: application/json");
        JsonNode json = Http.JSON.readTree(body);
        assertThat(json.get("code").asString()).startsWith("E");
        assertThat(json.get("error").asString()).isNotBlank();
        assertThat(json.has("timestamp")).isTrue();
        assertThat(body).doesNotContain("<html").doesNotContain("Exception");
    }

    static String rawExchange(String head) throws IOException {
        URI uri = URI.create(app.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            if (eol < 0) break;
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) break;
            out.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
