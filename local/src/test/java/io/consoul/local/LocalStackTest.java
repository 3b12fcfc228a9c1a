package io.consoul.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.client.ConsoulClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.ExtendWith;

/** The local stack as the CLI and a second shell see it: the clouds' outputs, state in the work dir. (The switch and its smoke gate: the CLI's LocalSwitchTest.) */
@ExtendWith(SharedStack.class)
class LocalStackTest {
    private final LocalStack stack = SharedStack.get();

    @Test
    void outputsHaveTheCloudsNamesAndAnotherProcessReadsTheSameFromTheWorkDir() {
        assertThat(stack.outputs()).containsOnlyKeys("url", "previewUrl", "activeColor", "idleColor", "blueImage",
                "greenImage", "redisEndpoint");
        assertThat(LocalStack.attach(stack.workDir()).outputs()).isEqualTo(stack.outputs());
        assertThat(stack.outputs()).containsEntry("activeColor", "blue").containsEntry("idleColor", "green");
    }

    @Test
    void productionServesTheActiveColourAndPreviewTheIdleOne() {
        assertThat(ConsoulClient.builder(stack.url()).build().health().version()).isEqualTo(stack.version(Color.BLUE));
        assertThat(ConsoulClient.builder(stack.previewUrl()).build().health().version()).isEqualTo(stack.version(Color.GREEN));
    }

    @Test
    void scaleStartsInstancesThatHaproxyRoutesToAndStatusJsonCountsThem() throws Exception {
        stack.scale(Color.GREEN, 3);
        try {
            assertThat(stack.instances(Color.GREEN)).isEqualTo(3);
            assertThat(stack.ready(Color.GREEN)).isEqualTo(3);
            JsonNode status = new ObjectMapper().readTree(LocalStack.attach(stack.workDir()).statusJson());
            assertThat(status.path("activeColor").asText()).isEqualTo("blue");
            assertThat(status.path("colors").path("green").path("instances").asInt()).isEqualTo(3);
            assertThat(status.path("colors").path("green").path("ready").asInt()).isEqualTo(3);
            assertThat(status.path("colors").path("blue").path("instances").asInt()).isEqualTo(2);
            // every green instance answers through the preview frontend
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < 30; i++) seen.add(ConsoulClient.builder(stack.previewUrl()).build().health().version());
            assertThat(seen).containsExactly(stack.version(Color.GREEN));
        } finally {
            stack.scale(Color.GREEN, 1);
        }
        assertThat(stack.instances(Color.GREEN)).isEqualTo(1);
        assertThat(stack.serverStates()).containsEntry("green/green-1", "UP").containsEntry("green/green-2", "MAINT");
    }

    @Test
    void aHoldKeepsAColourFromScalingBelowIt() {
        stack.hold(Color.GREEN, 1);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> stack.scale(Color.GREEN, 0))
                    .hasMessageContaining("1 to 8");
            assertThat(stack.held(Color.GREEN)).hasValue(1);
        } finally {
            stack.release(Color.GREEN);
        }
        assertThat(stack.held(Color.GREEN)).isEmpty();
    }

    @Test
    void haproxyChecksReadyLikeTheAlbRiseTwoFallThree() {
        String cfg = new Haproxy(stack.workDir()).config(1, 2, stack.instances(), java.time.Duration.ofSeconds(1));
        assertThat(cfg).contains("option httpchk GET /ready", "rise 2 fall 3", "inter 1000ms")
                .contains("use_backend %[str(production),map(")
                .contains("server blue-1 ", "server blue-2 ", "server green-1 ", "server green-2 127.0.0.1:1 disabled");
    }
}
