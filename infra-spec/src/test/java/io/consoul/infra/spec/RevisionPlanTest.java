package io.consoul.infra.spec;

import com.pulumi.core.Output;
import io.consoul.infra.spec.fixtures.SpecFixtures;
import io.consoul.infra.spec.mock.MockStack;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class RevisionPlanTest {
    private static final Output<String> NO_CLOUD_INPUTS = Output.of("");

    private static RevisionPlan plan(Color active, String blue, String green) {
        return RevisionPlan.of(SpecFixtures.spec(Cloud.GCP, DeployEnvironment.STAGING)
                .activeColor(active).image(Color.BLUE, blue).image(Color.GREEN, green).build(), NO_CLOUD_INPUTS);
    }

    private static String id(RevisionPlan plan, Color color) {
        return MockStack.resolve(plan.revisionId(color));
    }

    /** The blue revision id of the staging GCP fixture, changed by one setting. */
    private static String idWith(UnaryOperator<DeploymentSpecBuilder> change) {
        return id(RevisionPlan.of(change.apply(SpecFixtures.spec(Cloud.GCP, DeployEnvironment.STAGING)).build(),
                NO_CLOUD_INPUTS), Color.BLUE);
    }

    @Test
    @DisplayName("revision names and the template colour do not depend on which colour is active")
    void switchingKeepsRevisionsAndTemplate() {
        RevisionPlan blue = plan(Color.BLUE, "app:1.0.0", "app:1.1.0");
        RevisionPlan green = plan(Color.GREEN, "app:1.0.0", "app:1.1.0");
        for (Color c : Color.values()) {
            assertEquals(id(blue, c), id(green, c));
        }
        assertEquals(blue.templateColor(), green.templateColor());
        assertEquals(100, blue.percent(Color.BLUE));
        assertEquals(0, blue.percent(Color.GREEN));
        assertEquals(100, green.percent(Color.GREEN));
    }

    @Test
    @DisplayName("a new image for the idle colour renames only its revision and makes it the template")
    void idleImageChangeMaterialisesOnlyTheIdleRevision() {
        RevisionPlan before = plan(Color.BLUE, "app:1.9.0", "app:1.9.0");
        RevisionPlan after = plan(Color.BLUE, "app:1.9.0", "app:1.10.0");
        assertEquals(id(before, Color.BLUE), id(after, Color.BLUE));
        assertNotEquals(id(before, Color.GREEN), id(after, Color.GREEN));
        assertEquals(Color.GREEN, after.templateColor(), "1.10.0 is newer than 1.9.0");
    }

    @Test
    @DisplayName("two colours on one image share one revision, so a first deploy needs only one")
    void sameImageSharesRevision() {
        RevisionPlan plan = plan(Color.BLUE, "app:0.1.0", "app:0.1.0");
        assertEquals(id(plan, Color.BLUE), id(plan, Color.GREEN));
        assertEquals(Color.BLUE, plan.templateColor());
    }

    @Test
    @DisplayName("settings outside the template keep the revision name (else: 'Revision … does not exist')")
    void settingsOutsideTheTemplateKeepTheName() {
        String base = idWith(b -> b);
        Map<String, UnaryOperator<DeploymentSpecBuilder>> outside = Map.of(
                "cpuTarget", b -> b.cpuTarget(50),
                "scaleInCooldown", b -> b.scaleInCooldown(600),
                "scaleOutCooldown", b -> b.scaleOutCooldown(30),
                "activeColor", b -> b.activeColor(Color.GREEN),
                "deletionProtection", b -> b.deletionProtection(true),
                "logRetentionDays", b -> b.logRetentionDays(90),
                "allowPublicAccess", b -> b.allowPublicAccess(true),
                "redisHighAvailability", b -> b.redisHighAvailability(true),
                "apiKeys value", b -> b.secret(AppSecret.API_KEYS, "a-rotated-key"));
        outside.forEach((setting, change) -> assertEquals(base, idWith(change), setting + " is not in the template"));
    }

    @Test
    @DisplayName("every template input renames the revision (else: 409 'already exists')")
    void everyTemplateInputRenames() {
        String base = idWith(b -> b);
        Map<String, UnaryOperator<DeploymentSpecBuilder>> inside = Map.of(
                "size (resources, env)", b -> b.size(Size.LARGE),
                "minReplicas", b -> b.minReplicas(3),
                "maxReplicas", b -> b.maxReplicas(12),
                "concurrency", b -> b.concurrency(40),
                "a new secret variable", b -> b.secret(AppSecret.ANTHROPIC_API_KEY, "sk-ant"));
        inside.forEach((setting, change) -> assertNotEquals(base, idWith(change), setting + " is in the template"));
        DeploymentSpec spec = SpecFixtures.spec(Cloud.GCP, DeployEnvironment.STAGING).build();
        assertNotEquals(id(RevisionPlan.of(spec, Output.of("ca=one")), Color.BLUE),
                id(RevisionPlan.of(spec, Output.of("ca=one\nca=two")), Color.BLUE),
                "a cloud's own template input (a rotated CA bundle, a subnet) renames it too");
        assertTrue(base.matches("[0-9a-f]{10}"));
    }

    @Test
    @DisplayName("image versions compare as numbers, not as text")
    void versionsCompareNumerically() {
        assertTrue(RevisionPlan.compareVersions("app:1.10.0", "app:1.9.2") > 0);
        assertEquals(0, RevisionPlan.compareVersions("app:1.0.0", "app:1.0.0"));
    }
}
