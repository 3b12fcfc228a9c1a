package io.consoul.local;

import java.util.Locale;

/** The two colours of a blue-green deployment; the names match the clouds' {@code activeColor} output. */
public enum Color {
    BLUE, GREEN;

    public Color other() {
        return this == BLUE ? GREEN : BLUE;
    }

    /** {@code blue} / {@code green}, as in the stack outputs and the HAProxy backend names. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Color parse(String text) {
        for (Color c : values()) if (c.label().equalsIgnoreCase(text.trim())) return c;
        throw new IllegalArgumentException("unknown colour '" + text + "': expected blue or green");
    }
}
