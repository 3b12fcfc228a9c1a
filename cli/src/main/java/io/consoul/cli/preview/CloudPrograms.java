package io.consoul.cli.preview;

import com.pulumi.Context;
import io.consoul.infra.spec.Cloud;

import java.util.function.Consumer;

/** Each cloud's Pulumi program, as {@code pulumi up} runs it: {@code App::stack}, reading the stack's config. */
final class CloudPrograms {
    private CloudPrograms() {
    }

    static Consumer<Context> of(Cloud cloud) {
        return switch (cloud) {
            case AWS -> io.consoul.infra.aws.App::stack;
            case GCP -> io.consoul.infra.gcp.App::stack;
            case AZURE -> io.consoul.infra.azure.App::stack;
            case K8S -> io.consoul.infra.k8s.App::stack;
        };
    }
}
