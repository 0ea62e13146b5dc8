package dev.stscreds.testing;

import dev.stscreds.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A temporary home with a config and a credentials file, and settings that see only them (never
 * the real environment or ~/.aws). Shared with other modules' tests through core's test jar.
 */
public final class ProfileFixture {
    public final Path home;
    public final Path config;
    public final Path credentials;
    private final Map<String, String> env = new HashMap<>();

    public ProfileFixture(Path dir) {
        this.home = dir;
        this.config = dir.resolve(".aws/config");
        this.credentials = dir.resolve(".aws/credentials");
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    public ProfileFixture config(String text) {
        return write(config, text);
    }

    public ProfileFixture credentials(String text) {
        return write(credentials, text);
    }

    public ProfileFixture env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** The environment the settings see. */
    public Map<String, String> environment() {
        return Map.copyOf(env);
    }

    public Settings settings() {
        return Settings.of(Map.of(), env, home);
    }

    private ProfileFixture write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
