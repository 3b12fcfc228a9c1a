package io.consoul.chat;

import io.consoul.ConsoulException;
import io.consoul.auth.Caller;
import io.consoul.context.ContextFitter;
import io.consoul.metrics.TokenMetrics;
import io.consoul.model.Completion;
import io.consoul.model.ModelMessage;
import io.consoul.model.ModelRouter;
import io.consoul.session.Session;
import io.consoul.session.Sessions;
import io.consoul.web.ApiErrors;
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
    private final ContextFitter context;

    ChatService(Sessions sessions, ModelRouter models, TokenMetrics tokens, ExecutorService chatWorkers,
                ContextFitter context) {
        this.sessions = sessions;
        this.models = models;
        this.tokens = tokens;
        this.workers = chatWorkers;
        this.context = context;
    }

    /**
     * A session opened for a turn. The controllers see its model's name (for the metric label) and id; the stored
     * document it was read as stays with this service, for the compare-and-set of the turn's write.
     */
    static final class Conversation {
        private final Sessions.Opened opened;

        private Conversation(Sessions.Opened opened) {
            this.opened = opened;
        }

        String model() {
            return opened.session().model;
        }

        String sessionId() {
            return opened.session().sessionId;
        }
    }

    /** The caller's session (created with the requested model on first use), ready for a turn. */
    Conversation open(Caller caller, String sessionId, String requestedModel) {
        return open(caller, sessions.read(sessionId), requestedModel);
    }

    /**
     * Starts reading the session now; {@link SessionReadAhead} calls it before the rate-limit check, so the check and the read
     * travel to Redis together and the request waits one round trip for both. Nothing is decided from the read until
     * {@link #open(Caller, Sessions.Reading, String)}: a refused request shows nothing of the session.
     */
    Sessions.Reading startReading(String sessionId) {
        return sessions.read(sessionId);
    }

    Conversation open(Caller caller, Sessions.Reading reading, String requestedModel) {
        return new Conversation(sessions.open(reading, caller.ownerHash(), () -> models.resolve(requestedModel)));
    }

    ChatResponses.Chat chat(Conversation conversation, String message) {
        Sessions.Opened opened = conversation.opened;
        Session session = opened.session();
        Completion completion = turn(opened, message, models::complete);
        return new ChatResponses.Chat(session.sessionId, completion.text(), session.model,
                Usage.of(session.model, completion), Instant.now().toString());
    }

    /** Streams one reply; the turn is saved only once the whole reply has arrived. */
    Usage stream(Conversation conversation, String message, Consumer<String> onToken) {
        Sessions.Opened opened = conversation.opened;
        Completion completion = turn(opened, message, (model, prompt) -> models.stream(model, prompt, onToken));
        return Usage.of(opened.session().model, completion);
    }

    /** One turn however the reply arrives: ask the session's model, append message and reply, count the tokens. */
    private Completion turn(Sessions.Opened opened, String message,
                            BiFunction<String, List<ModelMessage>, Completion> ask) {
        Session session = opened.session();
        Session.Message user = Session.Message.user(message);
        Completion completion = ask.apply(session.model, context.fit(session.model, session.messages, user));
        sessions.append(opened, List.of(user, Session.Message.assistant(completion.text())));
        tokens.record(session.model, completion);
        return completion;
    }

    /**
     * Sequential: each message sees the replies before it, and the answered turns are saved in one write (a failed
     * item is reported in place and leaves no trace in the history). Parallel: each sees only the stored history and
     * the session is left unchanged — independent questions, as the reference server treats them.
     */
    ChatResponses.Batch batch(Conversation asked, BatchRequest request) {
        Sessions.Opened opened = asked.opened;
        Session session = opened.session();
        List<Session.Message> conversation = new ArrayList<>(session.messages);
        List<Session.Message> additions = new ArrayList<>();
        List<ChatResponses.BatchItem> items = new ArrayList<>();
        if (request.inOrder()) {
            for (BatchRequest.Item item : request.messages()) {
                Session.Message user = Session.Message.user(item.content());
                ChatResponses.BatchItem result = answer(items.size(), session.model, conversation, user);
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
                Session.Message user = Session.Message.user(item.content());
                futures.add(CompletableFuture.supplyAsync(() -> answer(index, session.model, conversation, user), workers));
            }
            futures.forEach(future -> items.add(future.join()));
        }
        if (!additions.isEmpty()) sessions.append(opened, additions);
        Usage total = items.stream().map(i -> i.usage() == null ? Usage.NONE : i.usage()).reduce(Usage.NONE, Usage::plus);
        return new ChatResponses.Batch(session.sessionId, items, total, session.model, Instant.now().toString(),
                request.inOrder() ? "sequential" : "parallel");
    }

    /** The prompt is fitted here, so a message too long for the model fails its own item only. */
    private ChatResponses.BatchItem answer(int index, String model, List<Session.Message> history, Session.Message user) {
        try {
            Completion completion = models.complete(model, context.fit(model, history, user));
            tokens.record(model, completion);
            return new ChatResponses.BatchItem(index, completion.text(), Usage.of(model, completion), null);
        } catch (ConsoulException e) {
            return new ChatResponses.BatchItem(index, null, null, ApiErrors.of(e).body());
        }
    }

    /** Refused now, before a stream's 200 is sent, when the message cannot fit the session's model at all. */
    void requireFits(Conversation conversation, String message) {
        Session session = conversation.opened.session();
        context.requireFits(session.model, session.messages, Session.Message.user(message));
    }
}
