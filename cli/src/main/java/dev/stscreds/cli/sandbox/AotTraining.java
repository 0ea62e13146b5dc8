package dev.stscreds.cli.sandbox;

import dev.stscreds.cache.CliCacheKey;
import dev.stscreds.config.Settings;
import dev.stscreds.output.CredentialsFormat;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.resolve.ResolveOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the AOT cache learns from: a role profile answered from a cached session, exactly the path
 * an AWS tool takes through {@code credential_process} — with no network and no user file.
 */
public final class AotTraining {
    private AotTraining() {}

    public static void run(Clock clock) {
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
            Settings settings = Settings.of(Map.of(), Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true"), home);
            var credentials = new ProfileCredentialsProvider(settings, "role", clock, ResolveOptions.NONE).resolve();
            CredentialsFormat.CREDENTIAL_PROCESS.render(credentials, Optional.empty(), "role");
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
