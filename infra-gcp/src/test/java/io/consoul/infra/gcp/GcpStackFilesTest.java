package io.consoul.infra.gcp;

import com.pulumi.Context;
import io.consoul.infra.spec.fixtures.StackFileRules;
import java.util.function.Consumer;

/** The shared stack-file rules (every file runs, bad config fails first, other clouds refused) for this program. */
class GcpStackFilesTest extends StackFileRules {
    @Override
    protected String cloud() {
        return "gcp";
    }

    @Override
    protected String otherCloud() {
        return "aws";
    }

    @Override
    protected Consumer<Context> program() {
        return App::stack;
    }
}
