package io.consoul.local.faults;

import java.util.List;

/**
 * One scenario's figures and the rules it checked. {@link #violations()} is empty when every rule held; the
 * JUnit tests assert that, the suite writes it into docs/fault-results.md.
 *
 * @param rules what had to hold, in words (the table's "rule" column)
 * @param notes what else was seen (ready dropped for 3.2 s, limiter answer during the outage, …)
 */
public record ScenarioResult(String name, String stack, long sent, long failed, long rateLimited, double p99Millis,
                             int sessions, int sessionsLost, String rules, String notes, List<String> violations,
                             double seconds) {
    public boolean passed() {
        return violations.isEmpty();
    }

    static ScenarioResult of(String name, String stack, LoadReport load, String rules, String notes,
                             List<String> violations, double seconds) {
        String allNotes = notes;
        if (!load.failures().isEmpty()) allNotes += (allNotes.isEmpty() ? "" : "; ") + "failures: " + load.failures();
        if (!load.lostDetails().isEmpty()) allNotes += "; " + load.lostDetails();
        return new ScenarioResult(name, stack, load.sent(), load.failed(), load.rateLimited(), load.p99Millis(),
                load.sessions(), load.sessionsLost(), rules, allNotes, List.copyOf(violations), seconds);
    }
}
