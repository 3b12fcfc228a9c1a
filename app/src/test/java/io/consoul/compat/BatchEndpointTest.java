package io.consoul.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.consoul.compat.Reference.Mode;
import io.consoul.compat.Reference.Server;
import io.consoul.support.Http;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Ported from {@code tests/server/test_batch_endpoint.py}. */
class BatchEndpointTest {

    static Map<String, Object> batch(String sessionId, List<String> contents, Boolean sequential, String model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", sessionId);
        List<Map<String, String>> messages = new ArrayList<>();
        contents.forEach(c -> messages.add(Map.of("content", c)));
        body.put("messages", messages);
        if (sequential != null) body.put("sequential", sequential);
        if (model != null) body.put("model", model);
        return body;
    }

    static Http.Response post(Mode mode, Object body) {
        return Reference.server(mode).postJson("/chat/batch", body);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchEndpointExists::test_batch_endpoint_registered")
    void registered(Mode mode) {
        assertThat(post(mode, batch(Reference.unique("b"), List.of("Hello"), null, null)).status()).isEqualTo(200);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchEndpointExists::test_batch_requires_post_method")
    void requiresPost(Mode mode) {
        assertThat(Reference.server(mode).get("/chat/batch").status()).isEqualTo(405);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchRequestValidation::test_missing_session_id_returns_422")
    void missingSessionId(Mode mode) {
        Http.Response r = post(mode, Map.of("messages", List.of(Map.of("content", "Hello"))));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/fields").propertyNames()).containsExactly("session_id");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchRequestValidation::test_missing_messages_returns_422")
    void missingMessages(Mode mode) {
        assertThat(post(mode, Map.of("session_id", "test")).status()).isEqualTo(422);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchRequestValidation::test_empty_messages_returns_422")
    void emptyMessages(Mode mode) {
        assertThat(post(mode, batch("test", List.of(), null, null)).status()).isEqualTo(422);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchRequestValidation::test_too_many_messages_returns_422")
    void tooManyMessages(Mode mode) {
        assertThat(post(mode, batch("test", Collections.nCopies(11, "Hi"), null, null)).status()).isEqualTo(422);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchRequestValidation::test_empty_message_content_returns_422")
    void emptyContent(Mode mode) {
        Http.Response r = post(mode, batch("test", List.of(""), null, null));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/details/fields").propertyNames()).containsExactly("messages.0.content");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchRequestValidation::test_message_content_too_long_returns_422")
    void contentTooLong(Mode mode) {
        assertThat(post(mode, batch("test", List.of("a".repeat(32769)), null, null)).status()).isEqualTo(422);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchRequestValidation::test_session_id_max_length")
    void sessionIdMaxLength(Mode mode) {
        assertThat(post(mode, batch("a".repeat(129), List.of("Hi"), null, null)).status()).isEqualTo(422);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchRequestValidation::test_valid_single_message_accepted")
    void singleMessage(Mode mode) {
        Http.Response r = post(mode, batch(Reference.unique("one"), List.of("Hello"), null, null));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("responses")).hasSize(1);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchRequestValidation::test_valid_multiple_messages_accepted")
    void multipleMessages(Mode mode) {
        Http.Response r = post(mode, batch(Reference.unique("many"), List.of("Hello", "How are you?", "Bye"), null, null));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("responses")).hasSize(3);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchSequentialMode::test_sequential_mode_is_default")
    void sequentialIsDefault(Mode mode) {
        assertThat(post(mode, batch(Reference.unique("seq"), List.of("a", "b"), null, null)).json()
                .get("processing_mode").asString()).isEqualTo("sequential");
    }

    /** Each message sees the replies before it: the second prompt is longer by the first turn. */
    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchSequentialMode::test_sequential_processes_on_same_console")
    void sequentialSharesContext(Mode mode) {
        JsonNode responses = post(mode, batch(Reference.unique("seq"), List.of("one two", "one two"), true, null)).json().get("responses");
        assertThat(responses.get(1).at("/usage/input_tokens").asInt())
                .isGreaterThan(responses.get(0).at("/usage/input_tokens").asInt());
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchSequentialMode::test_sequential_saves_session_state")
    void sequentialSaves(Mode mode) {
        String id = Reference.unique("seq-save");
        post(mode, batch(id, List.of("a", "b"), true, null));
        assertThat(Reference.server(mode).get("/sessions/" + id).json().get("messages")).hasSize(4);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchParallelMode::test_parallel_mode_explicit")
    void parallelExplicit(Mode mode) {
        assertThat(post(mode, batch(Reference.unique("par"), List.of("a", "b"), false, null)).json()
                .get("processing_mode").asString()).isEqualTo("parallel");
    }

    /** Each parallel message starts from the same stored history, and the session is left unchanged. */
    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchParallelMode::test_parallel_restores_session_per_message")
    void parallelStartsFromTheSameHistory(Mode mode) {
        Server server = Reference.server(mode);
        String id = Reference.unique("par");
        server.chat(id, "first");
        JsonNode responses = post(mode, batch(id, List.of("one two", "one two"), false, null)).json().get("responses");
        assertThat(responses.get(1).at("/usage/input_tokens").asInt()).isEqualTo(responses.get(0).at("/usage/input_tokens").asInt());
        assertThat(server.get("/sessions/" + id).json().get("messages")).hasSize(2);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchErrorHandling::test_partial_failure_continues")
    void partialFailureContinues(Mode mode) {
        Http.Response r = post(mode, batch(Reference.unique("fail"), List.of("first", Reference.FAIL, "third"), true, Reference.FAILING_MODEL));
        assertThat(r.status()).isEqualTo(200);
        JsonNode responses = r.json().get("responses");
        assertThat(responses).hasSize(3);
        assertThat(responses.get(0).get("response").asString()).isEqualTo("OK: first");
        assertThat(responses.get(0).get("error").isNull()).isTrue();
        assertThat(responses.get(1).get("response").isNull()).isTrue();
        assertThat(responses.get(1).at("/error/error").asString()).as("the reference's error body, in place").isEqualTo("model_provider_error");
        assertThat(responses.get(1).at("/error/code").asString()).isEqualTo("E209");
        assertThat(responses.get(2).get("response").asString()).isEqualTo("OK: third");
        assertThat(responses.get(2).get("error").isNull()).isTrue();
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchResponseSchema::test_success_response_schema")
    void responseSchema(Mode mode) {
        assertThat(post(mode, batch(Reference.unique("schema"), List.of("a"), null, null)).json().propertyNames())
                .contains("session_id", "responses", "total_usage", "model", "timestamp", "processing_mode");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchResponseSchema::test_response_item_fields")
    void itemFields(Mode mode) {
        JsonNode item = post(mode, batch(Reference.unique("item"), List.of("a"), null, null)).json().at("/responses/0");
        assertThat(item.propertyNames()).contains("index", "response", "usage", "error");
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchResponseSchema::test_response_indices_are_ordered")
    void indicesOrdered(Mode mode) {
        for (boolean sequential : new boolean[] {true, false}) {
            JsonNode responses = post(mode, batch(Reference.unique("order"), List.of("a", "b", "c", "d"), sequential, null))
                    .json().get("responses");
            for (int i = 0; i < 4; i++) assertThat(responses.get(i).get("index").asInt()).isEqualTo(i);
        }
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchTotalUsage::test_total_usage_aggregates_successful")
    void totalUsageAggregates(Mode mode) {
        JsonNode data = post(mode, batch(Reference.unique("usage"), List.of("a b", "c d"), false, null)).json();
        int input = 0, output = 0;
        for (JsonNode item : data.get("responses")) {
            input += item.at("/usage/input_tokens").asInt();
            output += item.at("/usage/output_tokens").asInt();
        }
        assertThat(data.at("/total_usage/input_tokens").asInt()).isEqualTo(input);
        assertThat(data.at("/total_usage/output_tokens").asInt()).isEqualTo(output);
        assertThat(data.at("/total_usage/total_tokens").asInt()).isEqualTo(input + output);
    }

    @ParameterizedTest @EnumSource(Mode.class)
    @DisplayName("test_batch_endpoint.py::TestBatchTotalUsage::test_total_usage_excludes_failed")
    void totalUsageExcludesFailed(Mode mode) {
        JsonNode data = post(mode, batch(Reference.unique("usage-fail"), List.of("a", Reference.FAIL), true, Reference.FAILING_MODEL)).json();
        assertThat(data.at("/responses/0/usage/total_tokens").asInt()).isPositive();
        assertThat(data.at("/responses/1/usage").isNull()).isTrue();
        assertThat(data.at("/total_usage/total_tokens").asInt()).isEqualTo(data.at("/responses/0/usage/total_tokens").asInt());
    }
}
