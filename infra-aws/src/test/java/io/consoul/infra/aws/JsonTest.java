package io.consoul.infra.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    @DisplayName("a document is the same text whatever order its maps iterate in: no spurious diffs between runs")
    void keysAreWrittenInOneOrder() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("valueFrom", "arn:x");
        one.put("name", "KEY");
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("name", "KEY");
        other.put("valueFrom", "arn:x");
        assertEquals(Json.write(List.of(one)), Json.write(List.of(other)));
        assertEquals("[{\"name\":\"KEY\",\"valueFrom\":\"arn:x\"}]", Json.write(List.of(one)));
    }
}
