package dev.stscreds.wire.sts;

import dev.stscreds.CredentialValues;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.ServiceEndpoints;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Where STS calls go (SPEC §1, §6), in the AWS SDKs' order: {@code --endpoint-url},
 * AWS_ENDPOINT_URL_STS, the {@code [services]} section's {@code sts}, AWS_ENDPOINT_URL, the
 * profile's {@code endpoint_url}; else the regional endpoint, or the global one in legacy mode.
 */
public final class StsEndpoints {
    public static final String DEFAULT_REGION = "us-east-1";
    /** The regions that the legacy mode sends to the global endpoint. */
    private static final Set<String> LEGACY_GLOBAL = Set.of(
            "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1",
            "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1",
            "us-east-2", "us-west-1", "us-west-2");

    /** An endpoint and the region requests to it are signed for. */
    public record Endpoint(URI uri, String signingRegion, String origin) {}

    private StsEndpoints() {}

    /**
     * @param explicitOverride     {@code --endpoint-url}
     * @param servicesSectionUrl   {@code sts = endpoint_url = …} of the profile's {@code [services]} section
     * @param profileEndpointUrl   the profile's {@code endpoint_url}
     * @param region               the profile's region, if any (AWS_REGION / AWS_DEFAULT_REGION win over it)
     */
    public static Endpoint resolve(Settings settings, Optional<String> explicitOverride, Optional<String> servicesSectionUrl,
                                   Optional<String> profileEndpointUrl, Optional<String> region) {
        // The environment's region beats the profile's, as in the SDKs.
        String signingRegion = CredentialValues.region(settings.get(Setting.REGION)
                .or(() -> settings.get(Setting.DEFAULT_REGION)).or(() -> region).orElse(DEFAULT_REGION),
                "region for STS (aws.region, AWS_REGION, AWS_DEFAULT_REGION or the profile's region)");
        if (explicitOverride.isPresent()) return endpoint(explicitOverride.get(), signingRegion, "--endpoint-url");
        Optional<ServiceEndpoints.Configured> configured =
                ServiceEndpoints.configured(settings, "STS", servicesSectionUrl, profileEndpointUrl);
        if (configured.isPresent()) return new Endpoint(configured.get().uri(), signingRegion, configured.get().origin());
        boolean legacy = settings.environmentVariable(Setting.STS_REGIONAL_ENDPOINTS)
                .map(v -> v.equalsIgnoreCase("legacy")).orElse(false);
        if (legacy && LEGACY_GLOBAL.contains(signingRegion)) {
            return new Endpoint(URI.create("https://sts.amazonaws.com/"), DEFAULT_REGION, "global endpoint (legacy mode)");
        }
        String suffix = signingRegion.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return new Endpoint(URI.create("https://sts." + signingRegion + "." + suffix + "/"), signingRegion, "regional endpoint");
    }

    private static Endpoint endpoint(String url, String signingRegion, String origin) {
        return new Endpoint(ServiceEndpoints.parsed(url, "STS", origin).uri(), signingRegion, origin);
    }
}
