package dev.stscreds.resolve;

import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.endpoints.EndpointOptions;
import dev.stscreds.wire.net.Network;
import dev.stscreds.wire.sts.StsClient;
import dev.stscreds.wire.sts.StsEndpoints;
import java.time.Clock;
import java.util.Optional;

/** The STS client a profile's role calls use: its region, endpoint overrides and services section. */
final class StsForProfile {
    private StsForProfile() {}

    static StsClient client(Profile profile, ProfileSet profiles, Settings settings, ResolveOptions options, Clock clock) {
        Optional<String> servicesUrl = ServicesSection.endpointUrl(profile, profiles, "STS");
        StsEndpoints.Endpoint endpoint = StsEndpoints.resolve(settings, EndpointOptions.read(settings, profile::value, profile.name()),
                options.endpointUrl(), servicesUrl, profile.value("endpoint_url"), profile.value("region"));
        return StsClient.create(endpoint.uri(), endpoint.signingRegion(), clock,
                Network.of(settings, profile.value("ca_bundle"), profile.name()));
    }

    static StsClient fromEnvironment(Settings settings, ResolveOptions options, Clock clock) {
        StsEndpoints.Endpoint endpoint = StsEndpoints.resolve(settings, options.endpointUrl(), Optional.empty(),
                Optional.empty(), Optional.empty());
        return StsClient.create(endpoint.uri(), endpoint.signingRegion(), clock, Network.fromEnvironment(settings));
    }
}
