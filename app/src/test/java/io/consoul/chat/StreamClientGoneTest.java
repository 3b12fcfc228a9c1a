package io.consoul.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consoul.support.ConsoulInstance;
import io.consoul.support.Http;
import io.consoul.support.RedisServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that leaves mid-stream: the stream stops at its next token, the turn is not saved (nobody received the
 * reply), the request ends and {@code /health} no longer counts the stream. The stream writes through the servlet's
 * async API and ends with {@code AsyncContext.complete()}; this is what that path must still do when the socket is gone.
 */
@Timeout(60)
class StreamClientGoneTest {

    @Test
    void aClientThatLeavesMidStreamEndsTheStreamAndNothingIsSaved() throws Exception {
        try (RedisServer redis = RedisServer.launch()) {
            ConsoulInstance app = ConsoulInstance.start(Map.of(
                    "consoul.redis-url", redis.url(0),
                    "consoul.echo-token-delay", "100ms"));
            try {
                URI base = URI.create(app.url());
                String body = Http.chatBody("gone-midway", "one two three four five six seven eight nine ten "
                        + "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty");
                try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                    OutputStream out = socket.getOutputStream();
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    out.write(("POST /chat/stream HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                            + "Accept: text/event-stream\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.flush();
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    assertThat(in.readLine()).startsWith("HTTP/1.1 200");
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.equals("event: token")) break;
                    }
                    assertThat(openStreams(app)).as("the stream is open while its client reads").isEqualTo(1);
                } // the client leaves after its first token

                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .untilAsserted(() -> assertThat(openStreams(app)).as("open streams on /health").isZero());
                // twenty tokens at 100 ms would have ended the stream two seconds in: wait past that, then look
                Thread.sleep(2_500);
                assertThat(redis.command("EXISTS consoul:session:gone-midway")).as("a reply nobody received is not saved")
                        .isEqualTo(":0");
                assertThat(Http.get(app.url() + "/health").status()).as("the instance still answers").isEqualTo(200);
            } finally {
                app.close();
            }
        }
    }

    private static int openStreams(ConsoulInstance app) {
        return Http.get(app.url() + "/health").json().get("connections").asInt();
    }
}
