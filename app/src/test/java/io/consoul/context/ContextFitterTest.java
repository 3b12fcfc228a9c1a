package io.consoul.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consoul.model.ModelMessage;
import io.consoul.session.Session;
import io.consoul.web.ApiErrors;
import io.consoul.web.ApiException;
import io.consoul.web.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference's fitting rule, message by message, on OpenAI's real tokenizer. */
class ContextFitterTest {
    static final String MODEL = "gpt-4o";
    static final int WINDOW = 4_000;
    final TokenCounter tokens = new TokenCounter();
    final ContextFitter fitter = new ContextFitter(new ContextWindows(Map.of(MODEL, WINDOW)), tokens, 1_000);

    @Test
    void budgetIsThreeQuartersOfTheWindowLessTheReplyReserve() {
        assertThat(fitter.budget(MODEL)).isEqualTo(2_000);
        assertThat(fitter.budget("gpt-4o-mini")).isEqualTo(2_000);          // prefix of the setting
        assertThat(fitter.budget("claude-haiku-4-5")).isEqualTo(149_000);  // the table: 200,000
    }

    @Test
    void aShortConversationIsSentWhole() {
        List<Session.Message> history = conversation(3, 10);
        Session.Message next = Session.Message.user("and now?");

        assertThat(fitter.fit(MODEL, history, next)).containsExactlyElementsOf(sent(plus(history, next)));
    }

    @Test
    void oldestTurnsAreLeftOutFirstAndTheRestFitsTheBudget() {
        List<Session.Message> history = conversation(200, 40);
        Session.Message next = Session.Message.user("the newest question");

        List<ModelMessage> prompt = fitter.fit(MODEL, history, next);

        assertThat(cost(prompt)).isLessThanOrEqualTo(fitter.budget(MODEL));
        assertThat(prompt.size()).isLessThan(history.size());
        assertThat(prompt.get(prompt.size() - 1)).isEqualTo(sent(next));
        // what is sent is the newest stretch of the history, unbroken
        List<ModelMessage> kept = prompt.subList(0, prompt.size() - 1);
        assertThat(kept).containsExactlyElementsOf(sent(history.subList(history.size() - kept.size(), history.size())));
        // one more older message would not have fitted (or would have started on the assistant's reply)
        Session.Message older = history.get(history.size() - kept.size() - 1);
        assertThat(cost(concat(List.of(sent(older)), prompt)) > fitter.budget(MODEL) || "assistant".equals(older.role)).isTrue();
    }

    @Test
    void theSentHistoryStartsWithAUserMessage() {
        List<Session.Message> history = conversation(200, 40);
        for (int reserve = 900; reserve < 1_000; reserve += 7) {
            ContextFitter f = new ContextFitter(new ContextWindows(Map.of(MODEL, WINDOW)), tokens, reserve);
            assertThat(f.fit(MODEL, history, Session.Message.user("next")).get(0).role()).isEqualTo("user");
        }
    }

    @Test
    void theSystemMessageIsAlwaysSent() {
        List<Session.Message> history = new ArrayList<>();
        Session.Message system = new Session.Message("system", "You answer in French.");
        history.add(system);
        history.addAll(conversation(300, 40));

        List<ModelMessage> prompt = fitter.fit(MODEL, history, Session.Message.user("next"));

        assertThat(prompt.get(0)).isEqualTo(sent(system));
        assertThat(prompt.get(1).role()).isEqualTo("user");
        assertThat(prompt.size()).isLessThan(history.size());
        assertThat(cost(prompt)).isLessThanOrEqualTo(fitter.budget(MODEL));
    }

    @Test
    void aNewMessageLargerThanTheBudgetIsA400WithTheFigures() {
        Session.Message huge = Session.Message.user("word ".repeat(3_000));

        assertThatThrownBy(() -> fitter.fit(MODEL, conversation(2, 5), huge))
                .isInstanceOfSatisfying(ContextTooLongException.class, tooLong -> {
                    ApiException e = ApiErrors.of(tooLong);
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONTEXT_TOO_LONG);
                    assertThat(e.errorCode().status().value()).isEqualTo(400);
                    assertThat(e.details()).containsEntry("limit", 2_000);
                    assertThat((Integer) e.details().get("tokens")).isGreaterThan(2_000);
                });
    }

    @Test
    void aMessageThatFitsAloneButNotWithTheSystemMessageIsA400() {
        Session.Message system = new Session.Message("system", "rule ".repeat(1_200));
        Session.Message next = Session.Message.user("word ".repeat(1_200));
        assertThat(cost(List.of(sent(next)))).isLessThan(fitter.budget(MODEL));

        assertThatThrownBy(() -> fitter.requireFits(MODEL, List.of(system), next))
                .isInstanceOfSatisfying(ContextTooLongException.class,
                        e -> assertThat(e.getMessage()).contains("system message"));
    }

    @Test
    void aReplyReserveThatLeavesNoRoomStopsStartUp() {
        assertThatThrownBy(() -> new ContextFitter(new ContextWindows(Map.of("tiny", 1_000)), tokens, 1_000))
                .hasMessageContaining("CONSOUL_CONTEXT_REPLY_RESERVE");
    }

    private int cost(List<ModelMessage> prompt) {
        TokenCounter.ForModel count = tokens.forModel(MODEL);
        return TokenCounter.PER_PROMPT + prompt.stream().mapToInt(m -> count.message(new Session.Message(m.role(), m.content()))).sum();
    }

    private static ModelMessage sent(Session.Message message) {
        return new ModelMessage(message.role, message.content);
    }

    private static List<ModelMessage> sent(List<Session.Message> messages) {
        return messages.stream().map(ContextFitterTest::sent).toList();
    }

    static List<Session.Message> conversation(int turns, int wordsPerMessage) {
        List<Session.Message> messages = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            messages.add(Session.Message.user("question " + i + " " + "lorem ".repeat(wordsPerMessage)));
            messages.add(Session.Message.assistant("answer " + i + " " + "ipsum ".repeat(wordsPerMessage)));
        }
        return messages;
    }

    static <T> List<T> plus(List<T> list, T last) {
        List<T> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    static <T> List<T> concat(List<T> first, List<T> rest) {
        List<T> all = new ArrayList<>(first);
        all.addAll(rest);
        return all;
    }
}
