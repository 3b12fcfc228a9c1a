package io.consoul.infra.spec;

/**
 * Secrets the app reads from its environment, each set with {@code pulumi config set --secret consoul:<key>}.
 * Every cloud injects them as its platform's secrets (Secrets Manager, Secret Manager, Container App secrets,
 * Kubernetes Secrets), never as plain environment values.
 */
public enum AppSecret {
    API_KEYS("apiKeys", "CONSOUL_API_KEYS", true),
    OPENAI_API_KEY("openaiApiKey", "OPENAI_API_KEY", false),
    ANTHROPIC_API_KEY("anthropicApiKey", "ANTHROPIC_API_KEY", false);

    private final String configKey;
    private final String envVar;
    private final boolean required;

    AppSecret(String configKey, String envVar, boolean required) {
        this.configKey = configKey;
        this.envVar = envVar;
        this.required = required;
    }

    public String configKey() {
        return configKey;
    }

    public String envVar() {
        return envVar;
    }

    /** The API refuses every request without keys, so a deployment without them is a mistake. */
    public boolean required() {
        return required;
    }
}
