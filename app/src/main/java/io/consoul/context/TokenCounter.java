package io.consoul.context;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.consoul.model.ModelFamily;
import io.consoul.session.Session;
import java.util.Locale;

/**
 * What a message costs in a prompt, in tokens, counted the way the reference server counts
 * ({@code _create_tiktoken_counter} in its {@code src/consoul/ai/context.py}): the content's tokens plus 4 per
 * message for the role markers, plus 2 per prompt for the start of the reply.
 *
 * <p>OpenAI models: their real tokenizer (jtokkit, a Java port of tiktoken), with tiktoken's choice of encoding:
 * {@code cl100k_base} for gpt-4 and gpt-3.5, {@code o200k_base} for everything newer (gpt-4o, gpt-4.1, gpt-5,
 * the o-series). Other models (Anthropic, Ollama, echo): an estimate, {@code cl100k_base}'s count plus 25 %.
 * Anthropic's and Llama's tokenizers are byte-pair encoders like it but are not published for Java (Anthropic
 * counts exactly only through a network call); the margin errs towards trimming a little more rather than
 * sending a prompt the provider refuses, on top of the 25 % of the window the fitting rule already leaves free.
 */
public final class TokenCounter {
    static final int PER_MESSAGE = 4;
    static final int PER_PROMPT = 2;
    static final double ESTIMATE_MARGIN = 1.25;

    private final Encoding o200k;
    private final Encoding cl100k;

    public TokenCounter() {
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        this.o200k = registry.getEncoding(EncodingType.O200K_BASE);
        this.cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
    }

    /** Counts one model's messages. */
    @FunctionalInterface
    public interface ForModel {
        int message(Session.Message message);
    }

    public ForModel forModel(String model) {
        String name = model == null ? "" : model.trim().toLowerCase(Locale.ROOT);
        if (ModelFamily.of(name).orElse(null) == ModelFamily.OPENAI) {
            Encoding encoding = usesCl100k(name) ? cl100k : o200k;
            return m -> PER_MESSAGE + encoding.countTokensOrdinary(text(m));
        }
        return m -> PER_MESSAGE + (int) Math.ceil(cl100k.countTokensOrdinary(text(m)) * ESTIMATE_MARGIN);
    }

    /** tiktoken's {@code model.py}: gpt-4 and gpt-3.5 models, but not gpt-4o, gpt-4.1 or gpt-4.5. */
    static boolean usesCl100k(String name) {
        if (name.startsWith("gpt-3.5") || name.startsWith("gpt-35")) return true;
        return name.startsWith("gpt-4") && !name.startsWith("gpt-4o") && !name.startsWith("gpt-4.");
    }

    private static String text(Session.Message m) {
        return m.content == null ? "" : m.content;
    }
}
