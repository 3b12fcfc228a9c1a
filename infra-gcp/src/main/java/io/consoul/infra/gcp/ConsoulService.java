package io.consoul.infra.gcp;

import com.pulumi.resources.ComponentResourceOptions;
import io.consoul.infra.spec.ConsoulComponent;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.StackOutputs;

/**
 * One Consoul deployment on Cloud Run: both colours are revisions of one service, tagged {@code blue} and
 * {@code green}, sharing one Memorystore Redis reached over the VPC. A Pulumi component: a provider given in
 * {@code options} (another project) reaches every child and every provider function it calls.
 */
public final class ConsoulService extends ConsoulComponent {
    public static final String TYPE = "consoul:gcp:Service";

    public ConsoulService(String name, ConsoulServiceArgs args, ComponentResourceOptions options) {
        super(TYPE, name, args.spec(), options);
        DeploymentSpec spec = args.spec();
        String region = args.region();
        var opts = childOptions();

        var network = GcpNetwork.of(name, args, opts);
        var redis = Memorystore.create(name, spec, region, network, opts);
        var identity = RuntimeIdentity.create(name, spec, opts);
        var secrets = SecretEnv.create(name, spec, redis, identity, opts);
        var service = CloudRunService.create(name, spec, region, network, identity, secrets, redis, opts, invokeOptions());
        register(new StackOutputs(service.url(), service.previewUrl(), redis.endpoint(spec)));
    }

    /** The stack-config path: the spec read from config, in the provider's region. */
    public ConsoulService(String name, DeploymentSpec spec, String region) {
        this(name, ConsoulServiceArgs.builder().spec(spec).region(region).build(), ComponentResourceOptions.Empty);
    }
}
