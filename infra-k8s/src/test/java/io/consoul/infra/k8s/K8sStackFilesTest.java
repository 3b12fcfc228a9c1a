package io.consoul.infra.k8s;

import com.pulumi.Context;
import io.consoul.infra.spec.fixtures.StackFileRules;
import java.util.function.Consumer;

/** The shared stack-file rules (every file runs, bad config fails first, other clouds refused) for this program. */
class K8sStackFilesTest extends StackFileRules {
    @Override
    protected String cloud() {
        return "k8s";
    }

    @Override
    protected String otherCloud() {
        return "azure";
    }

    @Override
    protected Consumer<Context> program() {
        return App::stack;
    }
}
