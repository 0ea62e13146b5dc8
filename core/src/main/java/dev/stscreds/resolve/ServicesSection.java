package dev.stscreds.resolve;

import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Property;
import dev.stscreds.wire.ServiceEndpoints;
import java.util.Optional;

/** The endpoint a profile's {@code [services NAME]} section sets for one service. */
final class ServicesSection {
    private ServicesSection() {}

    /** The {@code endpoint_url} under the service's key ({@code sts}, {@code sso}, {@code sso_oidc}) of the section the profile names. */
    static Optional<String> endpointUrl(Profile profile, ProfileSet profiles, String serviceId) {
        return profile.value("services")
                .flatMap(profiles::services)
                .flatMap(section -> section.property(ServiceEndpoints.servicesKey(serviceId)))
                .map(Property::subProperties)
                .map(sub -> sub.get("endpoint_url"));
    }
}
