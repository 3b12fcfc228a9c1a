package io.consoul.infra.gcp;

import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.StackOutputs;


/**
 * One Consoul deployment on Cloud Run: both colours are revisions of one service, tagged {@code blue} and
 * {@code green}, sharing one Memorystore Redis reached over the VPC.
 */
public final class ConsoulService extends ComponentResource {
    public static final String TYPE = "consoul:gcp:Service";

    private final StackOutputs outputs;

    public ConsoulService(String name, DeploymentSpec spec, String region) {
        super(TYPE, name);
        var opts = CustomResourceOptions.builder().parent(this).build();

        var network = GcpNetwork.create(name, region, opts);
        var redis = Memorystore.create(name, spec, region, network, opts);
        var identity = RuntimeIdentity.create(name, spec, opts);
        var secrets = SecretEnv.create(name, spec, redis, identity, opts);
        var service = CloudRunService.create(name, spec, region, network, identity, secrets, redis, opts);

        this.outputs = new StackOutputs(service.url(), service.previewUrl(), redis.endpoint(spec));
        registerOutputs(outputs.componentOutputs());
    }

    public StackOutputs outputs() {
        return outputs;
    }
}
