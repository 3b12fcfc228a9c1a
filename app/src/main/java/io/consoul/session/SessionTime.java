package io.consoul.session;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * Session timestamps as the reference server keeps them: Unix seconds as a float ({@code time.time()}).
 * Reads that, a numeric string, or ISO-8601 (with or without an offset; without one it is UTC), so documents
 * written by either server, or by an earlier version of this one, are continued. Anything else reads as unknown.
 */
final class SessionTime {
    private SessionTime() {}

    static Double now(java.time.Clock clock) {
        return clock.millis() / 1000.0;
    }

    /** Epoch seconds from whatever a document held; null when it held nothing usable. */
    static Double parse(String text) {
        if (text == null || text.isBlank()) return null;
        String t = text.trim();
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException notNumeric) {
            // an ISO-8601 timestamp, next
        }
        try {
            return seconds(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException noOffset) {
            try {
                return seconds(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException unusable) {
                return null;
            }
        }
    }

    static String iso(Double seconds) {
        if (seconds == null || seconds.isNaN() || seconds.isInfinite()) return null;
        return Instant.ofEpochMilli(Math.round(seconds * 1000)).toString();
    }

    private static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    /** Number, numeric string or ISO-8601 string; other shapes are skipped and read as unknown. */
    static final class Reader extends ValueDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) return p.getDoubleValue();
            if (token == JsonToken.VALUE_STRING) return parse(p.getString());
            p.skipChildren();
            return null;
        }
    }

    /** A plain decimal ({@code 1733212345.678}), never exponent notation, as Python's json module writes it. */
    static final class Writer extends ValueSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializationContext ctxt) {
            if (value == null || value.isNaN() || value.isInfinite()) {
                gen.writeNull();
                return;
            }
            gen.writeNumber(BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros()
                    .max(BigDecimal.ZERO).toPlainString());
        }
    }
}
