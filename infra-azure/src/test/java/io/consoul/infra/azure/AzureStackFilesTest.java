package io.consoul.infra.azure;

import com.pulumi.Context;
import io.consoul.infra.spec.fixtures.StackFileRules;
import java.util.function.Consumer;

/** The shared stack-file rules (every file runs, bad config fails first, other clouds refused) for this program. */
class AzureStackFilesTest extends StackFileRules {
    @Override
    protected String cloud() {
        return "azure";
    }

    @Override
    protected String otherCloud() {
        return "gcp";
    }

    @Override
    protected Consumer<Context> program() {
        return App::stack;
    }
}
