package io.consoul.infra.spec;

import java.util.Arrays;
import java.util.Optional;

/** The two blue-green colours; both run at once, {@code activeColor} gets production traffic. */
public enum Color {
    BLUE("blue"), GREEN("green");

    private final String key;

    Color(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The colour that is not this one: the idle colour when this one is active. */
    public Color other() {
        return this == BLUE ? GREEN : BLUE;
    }

    public static Optional<Color> fromKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }

    static String allowed() {
        return Keys.join(values(), Color::key);
    }
}
