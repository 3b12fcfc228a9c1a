package io.consoul.infra.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;

/**
 * The service account Cloud Run runs Consoul as. It holds no project role: the only grant is read access to each of
 * the app's own secrets ({@link SecretEnv}). Logs and metrics from stdout need none; the default compute account,
 * which has Editor on the project, is never used.
 */
record RuntimeIdentity(Account account) {

    static RuntimeIdentity create(String name, DeploymentSpec spec, CustomResourceOptions opts) {
        var account = new Account(name, AccountArgs.builder()
                .accountId(DeploymentSpec.NAME + "-" + spec.environment().key())
                .displayName("Consoul " + spec.environment().key() + " (Cloud Run runtime)")
                .build(), opts);
        return new RuntimeIdentity(account);
    }

    Output<String> email() {
        return account.email();
    }

    Output<String> member() {
        return account.email().applyValue(email -> "serviceAccount:" + email);
    }
}
