package dev.stscreds.resolve;

import dev.stscreds.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A temporary home with a config and a credentials file, and settings that point at them. */
final class ProfileFixture {
    final Path home;
    final Path config;
    final Path credentials;
    private final Map<String, String> env = new HashMap<>();

    ProfileFixture(Path dir) {
        this.home = dir;
        this.config = dir.resolve(".aws/config");
        this.credentials = dir.resolve(".aws/credentials");
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    ProfileFixture config(String text) {
        return write(config, text);
    }

    ProfileFixture credentials(String text) {
        return write(credentials, text);
    }

    ProfileFixture env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Settings settings() {
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
