package io.consoul.infra.spec;

import io.consoul.infra.spec.fixtures.SpecFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class RevisionPlanTest {

    private static RevisionPlan plan(Color active, String blue, String green) {
        return RevisionPlan.of(SpecFixtures.spec(Cloud.GCP, DeployEnvironment.STAGING)
                .activeColor(active).image(Color.BLUE, blue).image(Color.GREEN, green).build());
    }

    @Test
    @DisplayName("revision names and the template colour do not depend on which colour is active")
    void switchingKeepsRevisionsAndTemplate() {
        RevisionPlan blue = plan(Color.BLUE, "app:1.0.0", "app:1.1.0");
        RevisionPlan green = plan(Color.GREEN, "app:1.0.0", "app:1.1.0");
        for (Color c : Color.values()) {
            assertEquals(blue.revisionId(c), green.revisionId(c));
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
        assertEquals(before.revisionId(Color.BLUE), after.revisionId(Color.BLUE));
        assertNotEquals(before.revisionId(Color.GREEN), after.revisionId(Color.GREEN));
        assertEquals(Color.GREEN, after.templateColor(), "1.10.0 is newer than 1.9.0");
    }

    @Test
    @DisplayName("two colours on one image share one revision, so a first deploy needs only one")
    void sameImageSharesRevision() {
        RevisionPlan plan = plan(Color.BLUE, "app:0.1.0", "app:0.1.0");
        assertEquals(plan.revisionId(Color.BLUE), plan.revisionId(Color.GREEN));
        assertEquals(Color.BLUE, plan.templateColor());
    }

    @Test
    @DisplayName("a change to the rest of the template renames the revision, so Cloud Run never sees a reused name")
    void templateChangeRenamesRevision() {
        var base = SpecFixtures.spec(Cloud.GCP, DeployEnvironment.STAGING);
        String medium = RevisionPlan.of(base.build()).revisionId(Color.BLUE);
        String large = RevisionPlan.of(base.size(Size.LARGE).build()).revisionId(Color.BLUE);
        assertNotEquals(medium, large);
        assertTrue(medium.matches("[0-9a-f]{10}"));
    }

    @Test
    @DisplayName("image versions compare as numbers, not as text")
    void versionsCompareNumerically() {
        assertTrue(RevisionPlan.compareVersions("app:1.10.0", "app:1.9.2") > 0);
        assertEquals(0, RevisionPlan.compareVersions("app:1.0.0", "app:1.0.0"));
    }
}
