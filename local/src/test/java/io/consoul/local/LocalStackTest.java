package io.consoul.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.client.ConsoulClient;
import org.junit.jupiter.api.Test;
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
    void haproxyChecksReadyLikeTheAlbRiseTwoFallThree() {
        String cfg = new Haproxy(stack.workDir()).config(1, 2, stack.instances(), java.time.Duration.ofSeconds(1));
        assertThat(cfg).contains("option httpchk GET /ready", "rise 2 fall 3", "inter 1000ms")
                .contains("use_backend %[str(production),map(")
                .contains("server blue-1 ", "server blue-2 ", "server green-1 ");
    }
}
