package dev.stscreds.wire.sts;

import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.ServiceEndpoints;
import dev.stscreds.wire.endpoints.EndpointOptions;
import dev.stscreds.wire.endpoints.ServiceEndpointRules;
import java.net.URI;
import java.util.Optional;

/**
 * Where STS calls go (SPEC §1, §6), in the AWS SDKs' order: {@code --endpoint-url},
 * AWS_ENDPOINT_URL_STS, the {@code [services]} section's {@code sts}, AWS_ENDPOINT_URL, the
 * profile's {@code endpoint_url}; else the endpoint STS's own rules give for the region, FIPS,
 * dual-stack and {@code sts_regional_endpoints} (the global endpoint for classic regions in legacy mode).
 */
public final class StsEndpoints {
    public static final String DEFAULT_REGION = "us-east-1";

    /** An endpoint and the region requests to it are signed for. */
    public record Endpoint(URI uri, String signingRegion, String origin) {}

    private StsEndpoints() {}

    /** {@link #resolve(Settings, EndpointOptions, Optional, Optional, Optional, Optional)} with the environment's endpoint options. */
    public static Endpoint resolve(Settings settings, Optional<String> explicitOverride, Optional<String> servicesSectionUrl,
                                   Optional<String> profileEndpointUrl, Optional<String> region) {
        return resolve(settings, EndpointOptions.fromEnvironment(settings), explicitOverride, servicesSectionUrl,
                profileEndpointUrl, region);
    }

    /**
     * @param options              FIPS, dual-stack, {@code sts_regional_endpoints}, {@code ignore_configured_endpoint_urls}
     * @param explicitOverride     {@code --endpoint-url}
     * @param servicesSectionUrl   {@code sts = endpoint_url = …} of the profile's {@code [services]} section
     * @param profileEndpointUrl   the profile's {@code endpoint_url}
     * @param region               the profile's region, if any (AWS_REGION / AWS_DEFAULT_REGION win over it)
     * @throws dev.stscreds.CredentialsException when the endpoint rules refuse the region and options
     */
    public static Endpoint resolve(Settings settings, EndpointOptions options, Optional<String> explicitOverride,
                                   Optional<String> servicesSectionUrl, Optional<String> profileEndpointUrl,
                                   Optional<String> region) {
        // The environment's region beats the profile's, as in the SDKs.
        String signingRegion = settings.get(Setting.REGION)
                .or(() -> settings.get(Setting.DEFAULT_REGION)).or(() -> region).orElse(DEFAULT_REGION);
        if (explicitOverride.isPresent()) return endpoint(explicitOverride.get(), signingRegion, "--endpoint-url");
        Optional<ServiceEndpoints.Configured> configured =
                ServiceEndpoints.configured(settings, options, "STS", servicesSectionUrl, profileEndpointUrl);
        if (configured.isPresent()) return new Endpoint(configured.get().uri(), signingRegion, configured.get().origin());
        ServiceEndpointRules.Resolved r = ServiceEndpointRules.resolve("sts", signingRegion, options);
        String origin = r.uri().getHost().equals("sts.amazonaws.com")
                ? "global endpoint (sts_regional_endpoints = legacy)"
                : "endpoint rules for " + signingRegion + ServiceEndpointRules.describe(options);
        return new Endpoint(r.uri(), r.signingRegion(), origin);
    }

    private static Endpoint endpoint(String url, String signingRegion, String origin) {
        return new Endpoint(ServiceEndpoints.parsed(url, "STS", origin).uri(), signingRegion, origin);
    }
}
