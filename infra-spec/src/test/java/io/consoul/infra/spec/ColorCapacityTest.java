package io.consoul.infra.spec;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.consoul.infra.spec.fixtures.SpecFixtures.read;
import static io.consoul.infra.spec.fixtures.SpecFixtures.refusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-scaled switch's stack settings: {@code blueMinReplicas}, {@code greenMinReplicas}, {@code scaleDownDelay}. */
class ColorCapacityTest {

    @Test
    @DisplayName("a colour's minimum overrides minReplicas for that colour only")
    void colourMinimumOverridesOnlyThatColour() {
        Scaling s = read("k8s-staging", Map.of("consoul:greenMinReplicas", "6")).scaling();
        assertEquals(6, s.minReplicas(Color.GREEN));
        assertEquals(2, s.minReplicas(Color.BLUE));
        assertEquals(2, s.minReplicas());
    }

    @Test
    @DisplayName("a colour's minimum above maxReplicas is refused, naming the key, the value and the range")
    void colourMinimumAboveMaxIsRefused() {
        String message = refusal("aws-staging", Map.of("consoul:greenMinReplicas", "12"));
        assertTrue(message.contains("consoul:greenMinReplicas = 12 is not allowed on aws: allowed 1..10"), message);
    }

    @Test
    @DisplayName("a colour's minimum must be a whole number; zero only where the platform scales to zero")
    void colourMinimumIsAWholeNumberWithinThePlatformsFloor() {
        assertTrue(refusal("k8s-staging", Map.of("consoul:blueMinReplicas", "six"))
                .contains("consoul:blueMinReplicas = 'six' is not a whole number"));
        assertTrue(refusal("aws-staging", Map.of("consoul:blueMinReplicas", "0"))
                .contains("consoul:blueMinReplicas = 0 is not allowed on aws: allowed 1..10"));
        assertEquals(0, read("gcp-staging", Map.of("consoul:greenMinReplicas", "0")).scaling().minReplicas(Color.GREEN),
                "Cloud Run scales to zero; green runs the newer image in the fixture");
    }

    @Test
    @DisplayName("on Cloud Run and Container Apps only the colour with the newer image can take its own minimum")
    void onRevisionPlatformsOnlyTheTemplateColourTakesItsOwnMinimum() {
        assertEquals(5, read("azure-staging", Map.of("consoul:greenMinReplicas", "5")).scaling().minReplicas(Color.GREEN));
        String message = refusal("gcp-staging", Map.of("consoul:blueMinReplicas", "5"));
        assertTrue(message.contains("consoul:blueMinReplicas = 5 is not allowed on gcp while blue runs the older image"), message);
        assertTrue(message.contains("allowed: 2 (consoul:minReplicas), or give blue the newer image first"), message);
        assertEquals(2, read("gcp-staging", Map.of("consoul:blueMinReplicas", "2")).scaling().minReplicas(Color.BLUE),
                "the colour's own minimum equal to minReplicas changes no revision");
    }

    @Test
    @DisplayName("scaleDownDelay defaults to ten minutes and takes seconds or units")
    void scaleDownDelayForms() {
        assertEquals(600, read("aws-staging", Map.of()).scaling().scaleDownDelaySeconds());
        Map.of("600", 600, "10m", 600, "90s", 90, "1h30m", 5400, "0", 0, "24h", 86_400).forEach((text, seconds) ->
                assertEquals(seconds, read("aws-staging", Map.of("consoul:scaleDownDelay", text))
                        .scaling().scaleDownDelaySeconds(), text));
    }

    @Test
    @DisplayName("scaleDownDelay that is no duration, or longer than a day, is refused with the forms allowed")
    void scaleDownDelayRefused() {
        for (String bad : new String[] {"ten minutes", "-5", "25h", "10 m", "1.5h"}) {
            String message = refusal("aws-staging", Map.of("consoul:scaleDownDelay", bad));
            assertTrue(message.contains("consoul:scaleDownDelay = '" + bad + "' is not allowed: allowed whole seconds (600)"
                    + " or hours, minutes and seconds (10m, 90s, 1h30m), from 0 to 24h"), message);
        }
    }
}
