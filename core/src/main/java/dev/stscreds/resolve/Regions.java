package dev.stscreds.resolve;

import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import java.util.Optional;

/** The region of a profile, as the SDKs pick it: aws.region / AWS_REGION, AWS_DEFAULT_REGION, the profile's {@code region}. */
public final class Regions {
    private Regions() {}

    public static Optional<String> forProfile(Settings settings, String profile) {
        return settings.get(Setting.REGION)
                .or(() -> settings.get(Setting.DEFAULT_REGION))
                .or(() -> ProfileSet.load(settings).profile(profile).flatMap(p -> p.value("region")));
    }
}
