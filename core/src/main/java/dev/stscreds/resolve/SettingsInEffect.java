package dev.stscreds.resolve;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.endpoints.EndpointOptions;
import dev.stscreds.wire.net.Network;
import dev.stscreds.wire.sts.StsEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings that change where a profile's calls go, for {@code explain}: FIPS and dual-stack
 * endpoints, legacy STS, ignored endpoint URLs, the STS endpoint they lead to, proxies and the CA
 * bundle. Empty when
 * none is set, so an ordinary profile's explanation stays short.
 */
final class SettingsInEffect {
    private SettingsInEffect() {}

    static List<String> describe(Settings settings, ProfileSet profiles, Optional<Profile> profile) {
        EndpointOptions options = profile.map(p -> EndpointOptions.read(settings, p::value, p.name()))
                .orElseGet(() -> EndpointOptions.fromEnvironment(settings));
        List<String> lines = new ArrayList<>();
        options.fipsOrigin().ifPresent(o -> lines.add("FIPS endpoints: on (" + o + ")"));
        options.dualStackOrigin().ifPresent(o -> lines.add("dual-stack endpoints: on (" + o + ")"));
        if (options.stsLegacy()) lines.add("sts_regional_endpoints: legacy (classic regions use https://sts.amazonaws.com/)");
        if (options.ignoreConfiguredEndpointUrls()) {
            lines.add("ignore_configured_endpoint_urls: on (only --endpoint-url overrides endpoints)");
        }
        boolean endpointSettings = !lines.isEmpty();
        try {
            lines.addAll(Network.of(settings, profile.flatMap(p -> p.value("ca_bundle")), profile.map(Profile::name).orElse(""))
                    .describe());
        } catch (CredentialsException e) {
            lines.add("network: " + e.getMessage());
        }
        if (!endpointSettings) return lines;
        try {
            StsEndpoints.Endpoint sts = StsEndpoints.resolve(settings, options, Optional.empty(),
                    profile.flatMap(p -> ServicesSection.endpointUrl(p, profiles, "STS")),
                    profile.flatMap(p -> p.value("endpoint_url")), profile.flatMap(p -> p.value("region")));
            lines.add("STS endpoint: " + sts.uri() + " (" + sts.origin() + ", signed for " + sts.signingRegion() + ")");
        } catch (CredentialsException e) {
            lines.add("STS endpoint: none: " + e.getMessage());
        }
        return lines;
    }
}
