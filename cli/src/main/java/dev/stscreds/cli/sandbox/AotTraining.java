package dev.stscreds.cli.sandbox;

import dev.stscreds.cache.CliCacheKey;
import dev.stscreds.config.Settings;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What bin/stscreds's two AOT caches learn from, with no network and no user file:
 * <ul>
 *   <li>{@link #writeCacheHitHome}: a home folder with a role profile whose session is cached, for a
 *       real {@code credential-process} run, exactly the path an AWS tool takes through
 *       {@code credential_process}. Its cache holds nothing more, so that the start-up of this, the
 *       most frequent command, loads nothing it does not use.</li>
 *   <li>{@link #commands}: {@code env} for a role profile through the full command line, first
 *       assuming the role on a local STS on loopback (HTTP, SigV4, the XML answer, the cache
 *       write), then from the cache: the parser, and the network path every other command shares.</li>
 * </ul>
 */
public final class AotTraining {
    /** Runs a whole command line with these settings; returns its exit code. */
    public interface CommandLineRun {
        int run(String[] args, Settings settings);
    }

    /** The profile {@link #writeCacheHitHome} configures. */
    public static final String CACHE_HIT_PROFILE = "training";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/Training";

    private AotTraining() {}

    /**
     * Writes into {@code home} a role profile, {@value #CACHE_HIT_PROFILE}, whose session is in the AWS CLI's cache
     * until {@code expiration}: bin/stscreds then records the cache-hit AOT cache from a real
     * {@code credential-process --profile training} with {@code HOME} there, the very path an AWS tool takes.
     */
    public static void writeCacheHitHome(Path home, Instant expiration) throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), "[profile base]\naws_access_key_id = AKIAAOTTRAININGKEY00\n"
                + "aws_secret_access_key = trainingTRAININGtrainingTRAINING00000000\n"
                + "[profile " + CACHE_HIT_PROFILE + "]\nrole_arn = " + ROLE_ARN + "\nsource_profile = base\n"
                + "role_session_name = training\nregion = us-east-1\n");
        String key = CliCacheKey.forAssumeRole(ROLE_ARN, "training", null, null, null, null);
        Path cache = Files.createDirectories(aws.resolve("cli").resolve("cache"));
        // Shaped as the AWS CLI writes it, number included.
        Files.writeString(cache.resolve(key + ".json"), "{\"Credentials\": {\"AccessKeyId\": \"ASIAAOTTRAININGKEY00\", "
                + "\"SecretAccessKey\": \"training\", \"SessionToken\": \"training\", \"Expiration\": \""
                + expiration.truncatedTo(ChronoUnit.SECONDS) + "\"}, \"AssumedRoleUser\": {\"AssumedRoleId\": "
                + "\"AROAAOTTRAINING:training\", \"Arn\": \"arn:aws:sts::123456789012:assumed-role/Training/training\"}, "
                + "\"PackedPolicySize\": 6}");
    }

    /** Runs {@code env} for a role on a local STS twice: once assuming it, once from the cache. */
    public static void commands(CommandLineRun commandLine) {
        inTemporaryHome(home -> {
            try (LocalSts sts = new LocalSts().start()) {
                sts.createUser("training");
                AccessKey key = sts.createAccessKey("training");
                String role = sts.createRole("Training", "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\","
                        + " \"Principal\": {\"AWS\": \"arn:aws:iam::" + LocalSts.DEFAULT_ACCOUNT + ":root\"}}]}");
                Path aws = Files.createDirectories(home.resolve(".aws"));
                Files.writeString(aws.resolve("config"), "[profile base]\naws_access_key_id = " + key.accessKeyId()
                        + "\naws_secret_access_key = " + key.secretAccessKey() + "\n[profile role]\nrole_arn = " + role
                        + "\nsource_profile = base\nregion = us-east-1\nendpoint_url = " + sts.endpoint() + "\n");
                for (int run = 0; run < 2; run++) {
                    int status = commandLine.run(new String[] {"env", "--profile", "role"}, settingsFor(home));
                    if (status != 0) throw new IllegalStateException("the AOT training's env command failed: " + status);
                }
            }
        });
    }

    /** Settings.of without a home finds it as the real process does: the same code, recorded. */
    private static Settings settingsFor(Path home) {
        return Settings.of(Map.of(), Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true"));
    }

    private interface InHome {
        void run(Path home) throws IOException;
    }

    private static void inTemporaryHome(InHome training) {
        Path home = null;
        try {
            home = Files.createTempDirectory("stscreds-aot-");
            training.run(home);
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
