package dev.stscreds.sdkv2;

import dev.stscreds.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A temporary home with {@code .aws/config} and {@code .aws/credentials}, and settings that see only it. */
final class AwsHome {
    final Path home;
    final Path config;
    final Path credentials;
    private final Map<String, String> env = new HashMap<>();

    AwsHome(Path dir) {
        this.home = dir;
        this.config = dir.resolve(".aws/config");
        this.credentials = dir.resolve(".aws/credentials");
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    AwsHome config(String text) {
        return write(config, text);
    }

    AwsHome credentials(String text) {
        return write(credentials, text);
    }

    AwsHome env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Map<String, String> environment() {
        return Map.copyOf(env);
    }

    Settings settings() {
        return Settings.of(Map.of(), env, home);
    }

    private AwsHome write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
