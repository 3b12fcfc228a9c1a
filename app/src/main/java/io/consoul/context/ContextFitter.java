package io.consoul.context;

import io.consoul.model.ModelMessage;
import io.consoul.session.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a conversation into the model's context window before each call, by the reference server's rule
 * ({@code ConversationHistory.get_trimmed_messages} in its {@code src/consoul/ai/history.py}): the prompt may use
 * 75 % of the window less a reserve for the reply; the leading system message and the new message are always
 * sent; older turns are left out oldest first, whole messages only, and what is sent after the system message
 * starts with a user message. The stored history is not changed by this: only what the model is sent.
 *
 * <p>Counting runs from the newest message back and stops at the first that does not fit, so a turn's cost
 * depends on what fits the window, not on how long the conversation is.
 */
public final class ContextFitter {
    /** The reference's {@code int(model_limit * 0.75)}. */
    static final double WINDOW_SHARE = 0.75;

    private final ContextWindows windows;
    private final TokenCounter tokens;
    private final int replyReserve;

    public ContextFitter(ContextWindows windows, TokenCounter tokens, int replyReserve) {
        if (replyReserve < 0) {
            throw new IllegalArgumentException("CONSOUL_CONTEXT_REPLY_RESERVE must be 0 or more tokens, got " + replyReserve);
        }
        if ((int) (windows.smallest() * WINDOW_SHARE) <= replyReserve) {
            throw new IllegalArgumentException("CONSOUL_CONTEXT_REPLY_RESERVE is " + replyReserve + " tokens: it must be "
                    + "less than 75 % of the smallest context window (" + windows.smallest() + " tokens)");
        }
        this.windows = windows;
        this.tokens = tokens;
        this.replyReserve = replyReserve;
    }

    /** Tokens a prompt to {@code model} may use: 75 % of its window less the reply reserve. */
    public int budget(String model) {
        return (int) (windows.of(model) * WINDOW_SHARE) - replyReserve;
    }

    /** The prompt for the next call: the system message, the newest turns that fit, and {@code next}. */
    public List<ModelMessage> fit(String model, List<Session.Message> history, Session.Message next) {
        TokenCounter.ForModel count = tokens.forModel(model);
        int budget = budget(model);
        Session.Message system = leadingSystem(history);
        int used = required(model, count, budget, system, next);
        int floor = system == null ? 0 : 1;
        int first = history.size();
        for (int i = history.size() - 1; i >= floor; i--) {
            int cost = count.message(history.get(i));
            if (used + cost > budget) break;
            used += cost;
            first = i;
        }
        while (first < history.size() && !"user".equals(history.get(first).role)) first++;
        List<ModelMessage> prompt = new ArrayList<>(history.size() - first + 2);
        if (system != null) prompt.add(sent(system));
        for (Session.Message kept : history.subList(first, history.size())) prompt.add(sent(kept));
        prompt.add(sent(next));
        return prompt;
    }

    private static ModelMessage sent(Session.Message message) {
        return new ModelMessage(message.role, message.content);
    }

    /** {@link ContextTooLongException} when {@code next} cannot be sent at all, with the history's system message, whatever is left out. */
    public void requireFits(String model, List<Session.Message> history, Session.Message next) {
        required(model, tokens.forModel(model), budget(model), leadingSystem(history), next);
    }

    private static int required(String model, TokenCounter.ForModel count, int budget, Session.Message system,
                                Session.Message next) {
        int used = TokenCounter.PER_PROMPT + count.message(next) + (system == null ? 0 : count.message(system));
        if (used > budget) {
            throw new ContextTooLongException(model, used, budget, system != null);
        }
        return used;
    }

    private static Session.Message leadingSystem(List<Session.Message> history) {
        return !history.isEmpty() && "system".equals(history.get(0).role) ? history.get(0) : null;
    }
}
