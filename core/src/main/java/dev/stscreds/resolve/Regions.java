package dev.stscreds.resolve;

import dev.stscreds.CredentialValues;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import java.util.Optional;

/**
 * The region of a profile, as the SDKs pick it: aws.region / AWS_REGION, AWS_DEFAULT_REGION, the
 * profile's {@code region}. Each is checked as a region name where it is read, with an error
 * that says where it was set.
 */
public final class Regions {
    private Regions() {}

    public static Optional<String> forProfile(Settings settings, String profile) {
        return settings.systemProperty(Setting.REGION).map(r -> CredentialValues.region(r, "aws.region system property"))
                .or(() -> settings.environmentVariable(Setting.REGION).map(r -> CredentialValues.region(r, "AWS_REGION variable")))
                .or(() -> settings.get(Setting.DEFAULT_REGION).map(r -> CredentialValues.region(r, "AWS_DEFAULT_REGION variable")))
                .or(() -> ProfileContext.create(settings, java.time.Clock.systemUTC()).profiles().profile(profile).flatMap(p -> p.property("region"))
                        .filter(r -> !r.value().isEmpty())
                        .map(r -> CredentialValues.region(r.value(), "region of profile " + profile + " (" + r.location() + ")")));
    }
}
