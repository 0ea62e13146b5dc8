package dev.stscreds.resolve;

import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.net.Network;
import java.util.Optional;

/** The proxies and CA bundle a profile's AWS calls use: the environment's, and the profile's {@code ca_bundle}. */
public final class Networks {
    private Networks() {}

    /** @param profile the profile, or empty for the environment alone (an {@code [sso-session]} login) */
    public static Network forProfile(Settings settings, Optional<String> profile) {
        if (profile.isEmpty()) return Network.fromEnvironment(settings);
        Optional<String> caBundle = settings.environmentVariable("AWS_CA_BUNDLE").isPresent()
                ? Optional.empty()
                : ProfileSet.load(settings).profile(profile.get()).flatMap(p -> p.value("ca_bundle"));
        return Network.of(settings, caBundle, profile.get());
    }
}
