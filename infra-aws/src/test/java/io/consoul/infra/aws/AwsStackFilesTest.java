package io.consoul.infra.aws;

import com.pulumi.Context;
import io.consoul.infra.spec.fixtures.StackFileRules;
import java.util.function.Consumer;

/** The shared stack-file rules (every file runs, bad config fails first, other clouds refused) for this program. */
class AwsStackFilesTest extends StackFileRules {
    @Override
    protected String cloud() {
        return "aws";
    }

    @Override
    protected String otherCloud() {
        return "k8s";
    }

    @Override
    protected Consumer<Context> program() {
        return App::stack;
    }
}
