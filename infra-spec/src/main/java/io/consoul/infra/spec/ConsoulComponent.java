package io.consoul.infra.spec;

import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

/**
 * What every cloud's {@code ConsoulService} component shares: the Pulumi component shape
 * {@code (name, args, options)}, children parented to it (so they inherit its provider, protection and aliases), and
 * the typed outputs, named as the stack outputs are ({@link StackOutputs}).
 */
public abstract class ConsoulComponent extends ComponentResource {
    private final DeploymentSpec spec;
    private StackOutputs outputs;

    protected ConsoulComponent(String type, String name, DeploymentSpec spec, ComponentResourceOptions options) {
        super(type, name, options == null ? ComponentResourceOptions.Empty : options);
        this.spec = spec;
    }

    /** Options every child takes: parented here, so a provider given to the component reaches it. */
    protected CustomResourceOptions childOptions() {
        return CustomResourceOptions.builder().parent(this).build();
    }

    /** Options for provider functions called for this component: the same provider its children use. */
    protected InvokeOptions invokeOptions() {
        return InvokeOptions.builder().parent(this).build();
    }

    /** Called once at the end of the subclass's constructor. */
    protected void register(StackOutputs outputs) {
        this.outputs = outputs;
        registerOutputs(outputs.componentOutputs());
    }

    public DeploymentSpec spec() {
        return spec;
    }

    /** All outputs, as the stack exports them. */
    public StackOutputs outputs() {
        return outputs;
    }

    /** The production URL, served by the active colour. */
    public Output<String> url() {
        return outputs.url();
    }

    /** The idle colour's URL, for smoke tests before a switch. */
    public Output<String> previewUrl() {
        return outputs.previewUrl();
    }

    /** host:port of the shared Redis, without its password. */
    public Output<String> redisEndpoint() {
        return outputs.redisEndpoint();
    }

    /** The colour that gets production traffic: {@code blue} or {@code green}. */
    public Output<String> activeColor() {
        return Output.of(spec.activeColor().key());
    }

    /** The colour answering on {@link #previewUrl()}. */
    public Output<String> idleColor() {
        return Output.of(spec.idleColor().key());
    }

    public Output<String> blueImage() {
        return Output.of(spec.image(Color.BLUE));
    }

    public Output<String> greenImage() {
        return Output.of(spec.image(Color.GREEN));
    }
}
