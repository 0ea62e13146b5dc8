package dev.stscreds.resolve;

import dev.stscreds.config.Settings;
import java.util.Optional;

/** The region of a profile, as the SDKs pick it: aws.region / AWS_REGION, AWS_DEFAULT_REGION, the profile's {@code region}. */
public final class Regions {
    private Regions() {}

    public static Optional<String> forProfile(Settings settings, String profile) {
        return ProfileContext.create(settings, java.time.Clock.systemUTC()).region(profile);
    }
}
