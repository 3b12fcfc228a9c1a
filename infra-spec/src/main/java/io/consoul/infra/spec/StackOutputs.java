package io.consoul.infra.spec;

import com.pulumi.Context;
import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;

/**
 * The stack outputs, named the same on every cloud so the switch command and users need learn them once.
 *
 * @param url           the production URL, served by the active colour
 * @param previewUrl    the idle colour's URL, for smoke tests before a switch
 * @param redisEndpoint host:port of the shared Redis (no password)
 */
public record StackOutputs(Output<String> url, Output<String> previewUrl, Output<String> redisEndpoint) {
    public static final String URL = "url";
    public static final String PREVIEW_URL = "previewUrl";
    public static final String ACTIVE_COLOR = "activeColor";
    public static final String IDLE_COLOR = "idleColor";
    public static final String BLUE_IMAGE = "blueImage";
    public static final String GREEN_IMAGE = "greenImage";
    public static final String REDIS_ENDPOINT = "redisEndpoint";

    /** Every output name, in the order the docs list them. */
    public static final List<String> NAMES =
            List.of(URL, PREVIEW_URL, ACTIVE_COLOR, IDLE_COLOR, BLUE_IMAGE, GREEN_IMAGE, REDIS_ENDPOINT);

    /** What a deployment's component registers as its own outputs: the values its cloud computed. */
    public Map<String, Output<?>> componentOutputs() {
        return Map.of(URL, url, PREVIEW_URL, previewUrl, REDIS_ENDPOINT, redisEndpoint);
    }

    /** Exports all of them: the cloud's URLs and endpoint, and the spec's colours and images. */
    public void export(Context ctx, DeploymentSpec spec) {
        ctx.export(URL, url);
        ctx.export(PREVIEW_URL, previewUrl);
        ctx.export(ACTIVE_COLOR, Output.of(spec.activeColor().key()));
        ctx.export(IDLE_COLOR, Output.of(spec.idleColor().key()));
        ctx.export(BLUE_IMAGE, Output.of(spec.image(Color.BLUE)));
        ctx.export(GREEN_IMAGE, Output.of(spec.image(Color.GREEN)));
        ctx.export(REDIS_ENDPOINT, redisEndpoint);
    }
}
