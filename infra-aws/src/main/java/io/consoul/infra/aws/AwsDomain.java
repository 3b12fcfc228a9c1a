package io.consoul.infra.aws;

import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.acm.CertificateArgs;
import com.pulumi.aws.acm.CertificateValidation;
import com.pulumi.aws.acm.CertificateValidationArgs;
import com.pulumi.aws.acm.outputs.CertificateDomainValidationOption;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.Route53Functions;
import com.pulumi.aws.route53.inputs.GetZoneArgs;
import com.pulumi.aws.route53.inputs.RecordAliasArgs;
import com.pulumi.aws.route53.enums.RecordType;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.consoul.infra.spec.DeploymentSpec;
import io.consoul.infra.spec.Ports;

import java.util.ArrayList;
import java.util.List;

/**
 * HTTPS on the stack's domain: the public Route 53 zone {@code dnsZone}, an ACM certificate for {@code <domain>} and
 * {@code preview.<domain>} validated by DNS records the program writes there
 * (https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html), and alias records of both names for the
 * ALB. The listeners take the certificate only once it is issued ({@link CertificateValidation}). With
 * {@code certificateArn} set, that certificate is used instead and only the alias records are written.
 */
record AwsDomain(Output<String> zoneId, Output<String> certificateArn) {
    static final int VALIDATION_TTL = 60;

    /** The certificate the HTTPS listeners use: the stack's own ARN, or one obtained for its domain. */
    static AwsDomain create(String name, ConsoulServiceArgs args, CustomResourceOptions opts, InvokeOptions invoke) {
        var spec = args.spec();
        var platform = spec.platform();
        Output<String> zoneId = args.hostedZoneId().orElseGet(() -> platform.dnsZone()
                .map(zone -> Route53Functions.getZone(GetZoneArgs.builder().name(zone).privateZone(false).build(), invoke)
                        .applyValue(z -> z.zoneId())).orElse(null));
        if (args.certificateArn().isPresent()) {
            return new AwsDomain(zoneId, args.certificateArn().get());
        }
        if (platform.domain().isEmpty()) {
            return new AwsDomain(zoneId, null);
        }
        String domain = platform.domain().get();
        List<String> names = List.of(domain, platform.previewDomain().orElseThrow());
        var certificate = new Certificate(name, CertificateArgs.builder()
                .domainName(domain)
                .subjectAlternativeNames(names.subList(1, names.size()))
                .validationMethod("DNS")
                .build(), opts);
        List<Output<String>> fqdns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String host = names.get(i);
            Output<CertificateDomainValidationOption> option = certificate.domainValidationOptions().applyValue(all ->
                    all.stream().filter(o -> o.domainName().orElse("").equals(host)).findFirst()
                            .orElseThrow(() -> new IllegalStateException("ACM gave no validation record for " + host)));
            var record = new Record(name + "-validation-" + i, RecordArgs.builder()
                    .zoneId(zoneId)
                    .name(option.applyValue(o -> o.resourceRecordName().orElseThrow()))
                    .type(option.applyValue(o -> Either.<String, RecordType>ofLeft(o.resourceRecordType().orElseThrow())))
                    .records(option.applyValue(o -> List.of(o.resourceRecordValue().orElseThrow())))
                    .ttl(VALIDATION_TTL)
                    // ACM may ask for the same record for a name already validated (a renewal, a re-created stack).
                    .allowOverwrite(true)
                    .build(), opts);
            fqdns.add(record.fqdn());
        }
        var validation = new CertificateValidation(name, CertificateValidationArgs.builder()
                .certificateArn(certificate.arn())
                .validationRecordFqdns(Output.all(fqdns))
                .build(), opts);
        return new AwsDomain(zoneId, validation.certificateArn());
    }

    /** Alias records of the domain and its preview name for the ALB, when the stack names a domain and a zone. */
    void aliases(String name, DeploymentSpec spec, com.pulumi.aws.lb.LoadBalancer alb, CustomResourceOptions opts) {
        if (zoneId == null || spec.platform().domain().isEmpty()) {
            return;
        }
        List<String> hosts = List.of(spec.platform().domain().get(), spec.platform().previewDomain().orElseThrow());
        for (int i = 0; i < hosts.size(); i++) {
            new Record(name + "-alias-" + i, RecordArgs.builder()
                    .zoneId(zoneId).name(hosts.get(i)).type(Either.ofLeft("A"))
                    .aliases(RecordAliasArgs.builder().name(alb.dnsName()).zoneId(alb.zoneId())
                            .evaluateTargetHealth(true).build())
                    .build(), opts);
        }
    }

    /** {@code https://<domain>} and the preview listener on its name, when the stack names a domain. */
    static Output<String> url(DeploymentSpec spec, boolean preview) {
        var platform = spec.platform();
        return Output.of(preview
                ? platform.previewDomainUrl().orElseThrow() + ":" + Ports.PREVIEW_HTTPS
                : platform.domainUrl().orElseThrow());
    }
}
