package dev.stscreds.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the profile files are (SPEC §1): {@code aws.configFile} / {@code AWS_CONFIG_FILE} and
 * {@code aws.sharedCredentialsFile} / {@code AWS_SHARED_CREDENTIALS_FILE}, a leading {@code ~/} meaning the
 * home folder; otherwise {@code ~/.aws/config} and {@code ~/.aws/credentials}.
 */
public final class ProfileFileLocations {
    private ProfileFileLocations() {}

    public static Path configFile(Settings settings) {
        return locate(settings, Setting.CONFIG_FILE, "config");
    }

    public static Path credentialsFile(Settings settings) {
        return locate(settings, Setting.SHARED_CREDENTIALS_FILE, "credentials");
    }

    /** The file of one kind. */
    public static Path file(Settings settings, ProfileFileKind kind) {
        return kind == ProfileFileKind.CONFIG ? configFile(settings) : credentialsFile(settings);
    }

    private static Path locate(Settings settings, Setting setting, String defaultName) {
        Optional<String> configured = settings.get(setting); // no lambda: see Settings.get
        return configured.isPresent() ? settings.expandHome(configured.get()) : settings.home().resolve(".aws").resolve(defaultName);
    }
}
