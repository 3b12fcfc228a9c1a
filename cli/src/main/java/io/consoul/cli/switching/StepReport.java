package io.consoul.cli.switching;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints each step of a switch as it finishes, with how long it took, then the total. */
final class StepReport {
    private final PrintWriter out;
    private final long start = System.nanoTime();

    StepReport(PrintWriter out) {
        this.out = out;
    }

    void step(boolean ok, String what, long millis) {
        out.printf(Locale.ROOT, "%s %-58s %7s%n", ok ? "✔" : "✘", what, seconds(millis));
        out.flush();
    }

    void detail(boolean ok, String what, long millis) {
        out.printf(Locale.ROOT, "    %s %-54s %7s%n", ok ? "✔" : "✘", what, millis > 0 ? seconds(millis) : "");
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    long totalMillis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
