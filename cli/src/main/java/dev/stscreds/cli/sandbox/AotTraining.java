package dev.stscreds.cli.sandbox;

import dev.stscreds.cache.CliCacheKey;
import dev.stscreds.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What the AOT cache learns from: a role profile answered from a cached session, exactly the path
 * an AWS tool takes through {@code credential_process} — with no network and no user file.
 */
public final class AotTraining {
    private AotTraining() {}

    /**
     * @param credentialProcess runs {@code credential-process --profile role} with the given settings,
     *                          through the same code as a real call
     */
    public static void run(Clock clock, Consumer<Settings> credentialProcess) {
        Path home = null;
        try {
            home = Files.createTempDirectory("stscreds-aot-");
            Path aws = Files.createDirectories(home.resolve(".aws"));
            String role = "arn:aws:iam::123456789012:role/Training";
            Files.writeString(aws.resolve("config"), "[profile base]\naws_access_key_id = AKIAAOTTRAININGKEY00\n"
                    + "aws_secret_access_key = training-secret-training-secret\n"
                    + "[profile role]\nrole_arn = " + role + "\nsource_profile = base\nrole_session_name = training\n");
            String key = CliCacheKey.forAssumeRole(role, "training", null, null, null, null);
            Path cache = Files.createDirectories(aws.resolve("cli").resolve("cache"));
            Files.writeString(cache.resolve(key + ".json"), "{\"Credentials\": {\"AccessKeyId\": \"ASIAAOTTRAININGKEY00\", "
                    + "\"SecretAccessKey\": \"training\", \"SessionToken\": \"training\", \"Expiration\": \""
                    + clock.instant().plus(Duration.ofHours(1)) + "\"}}");
            // The real environment is read as a real call reads it; only the home is the temporary one.
            Settings.fromSystem();
            credentialProcess.accept(Settings.of(Map.of(), Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true"), home));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (home != null) delete(home);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
