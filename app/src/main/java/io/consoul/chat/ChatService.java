package io.consoul.chat;

import io.consoul.auth.Caller;
import io.consoul.metrics.TokenMetrics;
import io.consoul.model.Completion;
import io.consoul.model.ModelRouter;
import io.consoul.session.Session;
import io.consoul.session.Sessions;
import io.consoul.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/** One chat turn (or a batch of them): read the session, ask the model, append the turn with compare-and-set. */
@Service
class ChatService {
    private final Sessions sessions;
    private final ModelRouter models;
    private final TokenMetrics tokens;
    private final ExecutorService workers;

    ChatService(Sessions sessions, ModelRouter models, TokenMetrics tokens, ExecutorService chatWorkers) {
        this.sessions = sessions;
        this.models = models;
        this.tokens = tokens;
        this.workers = chatWorkers;
    }

    /** The caller's session (created with the requested model on first use), ready for a turn. */
    Sessions.Opened open(Caller caller, String sessionId, String requestedModel) {
        return sessions.open(sessionId, caller.ownerHash(), () -> models.resolve(requestedModel));
    }

    ChatResponses.Chat chat(Sessions.Opened opened, String message) {
        Session session = opened.session();
        Completion completion = turn(opened, message, models::complete);
        return new ChatResponses.Chat(session.sessionId, completion.text(), session.model,
                Usage.of(session.model, completion), Instant.now().toString());
    }

    /** Streams one reply; the turn is saved only once the whole reply has arrived. */
    Usage stream(Sessions.Opened opened, String message, Consumer<String> onToken) {
        Completion completion = turn(opened, message, (model, prompt) -> models.stream(model, prompt, onToken));
        return Usage.of(opened.session().model, completion);
    }

    /** One turn however the reply arrives: ask the session's model, append message and reply, count the tokens. */
    private Completion turn(Sessions.Opened opened, String message,
                            BiFunction<String, List<Session.Message>, Completion> ask) {
        Session session = opened.session();
        Session.Message user = Session.Message.user(message);
        Completion completion = ask.apply(session.model, with(session.messages, user));
        sessions.append(opened, List.of(user, Session.Message.assistant(completion.text())));
        tokens.record(session.model, completion);
        return completion;
    }

    /**
     * Sequential: each message sees the replies before it, and the answered turns are saved in one write (a failed
     * item is reported in place and leaves no trace in the history). Parallel: each sees only the stored history and
     * the session is left unchanged — independent questions, as the reference server treats them.
     */
    ChatResponses.Batch batch(Sessions.Opened opened, BatchRequest request) {
        Session session = opened.session();
        List<Session.Message> conversation = new ArrayList<>(session.messages);
        List<Session.Message> additions = new ArrayList<>();
        List<ChatResponses.BatchItem> items = new ArrayList<>();
        if (request.inOrder()) {
            for (BatchRequest.Item item : request.messages()) {
                Session.Message user = Session.Message.user(item.content());
                ChatResponses.BatchItem result = answer(items.size(), session.model, with(conversation, user));
                if (result.response() != null) {
                    List<Session.Message> turn = List.of(user, Session.Message.assistant(result.response()));
                    conversation.addAll(turn);
                    additions.addAll(turn);
                }
                items.add(result);
            }
        } else {
            List<CompletableFuture<ChatResponses.BatchItem>> futures = new ArrayList<>();
            for (BatchRequest.Item item : request.messages()) {
                int index = futures.size();
                List<Session.Message> prompt = with(conversation, Session.Message.user(item.content()));
                futures.add(CompletableFuture.supplyAsync(() -> answer(index, session.model, prompt), workers));
            }
            futures.forEach(future -> items.add(future.join()));
        }
        if (!additions.isEmpty()) sessions.append(opened, additions);
        Usage total = items.stream().map(i -> i.usage() == null ? Usage.NONE : i.usage()).reduce(Usage.NONE, Usage::plus);
        return new ChatResponses.Batch(session.sessionId, items, total, session.model, Instant.now().toString(),
                request.inOrder() ? "sequential" : "parallel");
    }

    private ChatResponses.BatchItem answer(int index, String model, List<Session.Message> prompt) {
        try {
            Completion completion = models.complete(model, prompt);
            tokens.record(model, completion);
            return new ChatResponses.BatchItem(index, completion.text(), Usage.of(model, completion), null);
        } catch (ApiException e) {
            return new ChatResponses.BatchItem(index, null, null, e.body());
        }
    }

    private static List<Session.Message> with(List<Session.Message> history, Session.Message next) {
        List<Session.Message> conversation = new ArrayList<>(history.size() + 1);
        conversation.addAll(history);
        conversation.add(next);
        return conversation;
    }
}
