package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.CredentialsException;
import dev.stscreds.cache.CliCacheKey;
import dev.stscreds.cache.CliSessionCache;
import dev.stscreds.config.Settings;
import dev.stscreds.output.CredentialsFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache-hit shortcut against the full path ({@link ProfileCredentialsProvider} and the
 * credential_process format): thousands of generated profile files, cache entries and environments,
 * plain and not. Whenever the shortcut answers, the full path must print exactly the same; the
 * shortcut must also answer the plain cases, or it would be dead code.
 */
class CacheHitShortcutTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/Admin";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Random random = new Random(21);
    /** How likely each generated part is the plain one, per case: from all plain to anything goes. */
    private double bias;

    @Test
    void aPlainRoleProfileWithACachedSessionIsAnsweredAsTheFullPathAnswersIt() throws Exception {
        Path home = home("plain");
        write(home.resolve(".aws/config"), "[profile base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = "
                + SECRET + "\n\n[profile admin]\nrole_arn = " + ROLE_ARN + "\nsource_profile = base\nrole_session_name = jon\n");
        String key = CliCacheKey.forAssumeRole(ROLE_ARN, "jon", null, null, null, null);
        write(cacheFile(home, key), "{\"Credentials\": {\"AccessKeyId\": \"ASIAEXAMPLEEXAMPLE00\", \"SecretAccessKey\": \"c2VjcmV0\", "
                + "\"SessionToken\": \"dG9rZW4=\", \"Expiration\": \"2026-11-22T11:00:00UTC\"}, \"AssumedRoleUser\": "
                + "{\"AssumedRoleId\": \"AROA:jon\", \"Arn\": \"arn:aws:sts::123456789012:assumed-role/Admin/jon\"}}");
        Settings settings = settings(home, Map.of());

        String answer = CacheHitShortcut.credentialProcess(settings, "admin", clock);

        assertThat(answer).isEqualTo("{\"Version\":1,\"AccessKeyId\":\"ASIAEXAMPLEEXAMPLE00\",\"SecretAccessKey\":\"c2VjcmV0\","
                + "\"SessionToken\":\"dG9rZW4=\",\"Expiration\":\"2026-11-22T11:00:00Z\",\"AccountId\":\"123456789012\"}\n");
        assertThat(answer).isEqualTo(fullPath(settings, "admin"));
    }

    @Test
    void everyAnswerOfTheShortcutIsTheFullPathsAnswer() throws Exception {
        int answered = 0;
        int cases = 1500;
        for (int i = 0; i < cases; i++) {
            Path home = home("case" + i);
            bias = new double[] {1, 0.97, 0.85, 0.5, 0}[i % 5];
            Map<String, String> env = generate(home);
            Settings settings = settings(home, env);
            String shortcut = CacheHitShortcut.credentialProcess(settings, "admin", clock);
            if (shortcut == null) continue;
            answered++;
            assertThat(fullPath(settings, "admin")).as("case %d:\n%s", i, describe(home)).isEqualTo(shortcut);
        }
        // Most generated cases hold something the shortcut leaves to the full path, but not all.
        assertThat(answered).as("cases the shortcut answered").isBetween(cases / 20, cases - cases / 20);
    }

    @Test
    void theCacheKeyIsTheAwsClisForEveryCombinationOfRoleSettings() {
        for (int mask = 0; mask < 16; mask++) {
            String session = (mask & 1) != 0 ? "jon@example.com" : null;
            String external = (mask & 2) != 0 ? "ext-1/2:3" : null;
            String serial = (mask & 4) != 0 ? "arn:aws:iam::123456789012:mfa/jon" : null;
            Integer seconds = (mask & 8) != 0 ? 3600 : null;
            assertThat(dev.stscreds.cache.Sha1.hex(CacheHitShortcut.assumeRoleKeyText(ROLE_ARN, session, external, serial, seconds)))
                    .isEqualTo(CliCacheKey.forAssumeRole(ROLE_ARN, session, external, serial, seconds, null));
        }
    }

    @Test
    void aProfileBeingResolvedAboveThisProcessIsLeftToTheFullPathWhichRefusesIt() throws Exception {
        Path home = home("recursion");
        write(home.resolve(".aws/config"), "[profile base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = "
                + SECRET + "\n[profile admin]\nrole_arn = " + ROLE_ARN + "\nsource_profile = base\n");
        write(cacheFile(home, CliCacheKey.forAssumeRole(ROLE_ARN, null, null, null, null, null)), session("2026-11-22T11:00:00Z", ""));

        assertThat(CacheHitShortcut.credentialProcess(settings(home, Map.of()), "admin", clock)).isNotNull();
        for (String outer : List.of("admin", "x,admin", "admin,y", "x,admin,y")) {
            assertThat(CacheHitShortcut.credentialProcess(settings(home, Map.of(ProfileCredentialsProvider.RESOLVING, outer)),
                    "admin", clock)).as(outer).isNull();
        }
        assertThat(CacheHitShortcut.credentialProcess(settings(home, Map.of(ProfileCredentialsProvider.RESOLVING, "xadmin")),
                "admin", clock)).isNotNull();
    }

    // ---- the generator ----

    private Map<String, String> generate(Path home) throws IOException {
        Map<String, String> env = new HashMap<>();
        StringBuilder config = new StringBuilder();
        StringBuilder credentials = new StringBuilder();
        String nl = pick("\n", "\n", "\n", "\r\n");
        if (rare(5)) config.append("\uFEFF");
        noise(config, nl);

        // The role profile.
        List<String> role = new ArrayList<>();
        String arn = pick(ROLE_ARN, ROLE_ARN, ROLE_ARN, "arn:aws-cn:iam::123456789012:role/path/Dev",
                "arn:aws:iam::12345678901:role/Short", "arn:aws:iam::123456789012:user/NotARole", "arn:aws:iam::123456789012:role/");
        role.add("role_arn = " + arn);
        String source = pick("base", "base", "base", "vaulted", "process", "missing", "admin", "chained", "broken");
        role.add("source_profile = " + source);
        String session = pick(null, null, "jon", "a", "jon doe", "jon@example.com", "x".repeat(65));
        if (session != null) role.add("role_session_name = " + session);
        String external = pick(null, null, "ext-123", "e");
        if (external != null) role.add("external_id = " + external);
        String serial = pick(null, null, "arn:aws:iam::123456789012:mfa/jon");
        if (serial != null) role.add("mfa_serial = " + serial);
        String duration = pick(null, null, "3600", "899", "43200", "43201", "abc", "0900");
        if (duration != null) role.add("duration_seconds = " + duration);
        String region = pick(null, "us-east-1", "eu-west-1", "Us-East-1", "-bad", "bad;x");
        if (region != null) role.add("region = " + region);
        String extra = pick(null, null, null, null, "output = json", "credential_process = /bin/false",
                "web_identity_token_file = /tmp/token", "sso_session = corp", "mfa_process = /bin/echo 123456",
                "source_identity = jon", "credential_source = Environment", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
                "Role_Arn = " + ROLE_ARN, "role_arn = " + ROLE_ARN + " # inline", "role_arn  =  " + ROLE_ARN);
        if (extra != null) role.add(extra);
        java.util.Collections.shuffle(role, random);
        boolean roleInCredentials = rare(10);
        StringBuilder roleFile = roleInCredentials ? credentials : config;
        roleFile.append(roleInCredentials ? "[admin]" : pick("[profile admin]", "[profile admin]", "[profile  admin]",
                "[profile admin] # the admin role")).append(nl);
        for (String line : role) roleFile.append(line).append(nl);
        if (rare(8)) roleFile.append("  continued = line").append(nl);
        noise(config, nl);

        // Its source profiles.
        String id = pick("AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE", "akiaiosfodnn7example", "AKIA");
        String secret = pick(SECRET, SECRET, "short", "with space in it");
        boolean baseInCredentials = random.nextBoolean();
        StringBuilder baseFile = baseInCredentials ? credentials : config;
        baseFile.append(baseInCredentials ? "[base]" : "[profile base]").append(nl);
        if (!rare(6)) baseFile.append("aws_access_key_id = ").append(id).append(nl);
        if (!rare(6)) baseFile.append("aws_secret_access_key = ").append(secret).append(nl);
        if (rare(3)) baseFile.append("aws_session_token = ").append(pick("dG9rZW4dG9rZW4dG9rZW4=", "tok en")).append(nl);
        if (rare(3)) baseFile.append(pick("region = us-west-2", "output = text", "sso_start_url = https://x",
                "credential_process = /bin/false", "aws_account_id = 123456789012")).append(nl);
        if (random.nextInt(4) == 0) config.append("[profile base]").append(nl).append("region = eu-central-1").append(nl);
        config.append("[profile vaulted]").append(nl).append("credential_process = ")
                .append(pick("/opt/stscreds/bin/stscreds credential-process --profile vaulted",
                        "stscreds credential-process -p vaulted", "stscreds credential-process --profile other",
                        "'/opt/my tools/stscreds' credential-process --profile vaulted")).append(nl);
        config.append("[profile process]").append(nl).append("credential_process = /bin/echo {}").append(nl);
        config.append("[profile chained]").append(nl).append("role_arn = arn:aws:iam::123456789012:role/Base").append(nl)
                .append("source_profile = base").append(nl);
        config.append("[profile broken]").append(nl).append("aws_access_key_id = AKIAIOSFODNN7EXAMPLE").append(nl);
        noise(credentials, nl);

        Path configFile = home.resolve(".aws/config");
        if (random.nextInt(8) == 0) {
            configFile = home.resolve("elsewhere/config");
            env.put("AWS_CONFIG_FILE", configFile.toString());
        }
        write(configFile, config.toString());
        write(home.resolve(".aws/credentials"), credentials.toString());
        if (rare(8)) env.put(ProfileCredentialsProvider.RESOLVING, pick("admin", "other", "other,admin"));

        // The cache entry of the role, under the key of what the profile says (or a wrong one).
        Integer seconds = duration != null && duration.matches("\\d+") ? Integer.valueOf(duration) : null;
        String key;
        try {
            key = CliCacheKey.forAssumeRole(arn, session, external, serial, rare(6) ? null : seconds, null);
        } catch (RuntimeException e) {
            return env;
        }
        if (rare(6)) return env; // no entry: a miss
        Duration left = Duration.ofMinutes(pick(60L, 60L, 600L, 16L, 15L, 14L, -5L));
        Instant expires = NOW.plus(left).plusSeconds(pick(0L, 0L, 1L, -1L));
        String expiration = pick(expires.toString(), expires.toString(), expires.toString().replace("Z", "UTC"),
                expires.toString().replace("Z", "+00:00"), expires.toString().replace("Z", ".000Z"),
                expires.toString().replace("Z", "+02:00"), "2026-02-30T10:00:00Z", "tomorrow");
        String account = pick("", "", ", \"AccountId\": \"123456789012\"", ", \"AccountId\": \"1234\"", ", \"AccountId\": 123456789012");
        write(cacheFile(home, key), pick(
                session(expiration, account),
                session(expiration, account) + " ",
                session(expiration, account).replace(", \"AssumedRoleUser\"", ", \"PackedPolicySize\": 6, \"Tags\": [1, 2.5e3, true, null], \"AssumedRoleUser\""),
                session(expiration, account).replace("arn:aws:sts::123456789012", "arn:aws:sts::notanaccount"),
                session(expiration, account).replace("{\"AssumedRoleId\"", "{\"Arn\": 5, \"AssumedRoleId\""),
                session(expiration, account).replace("\"SessionToken\": \"dG9rZW4=\"", "\"SessionToken\": \"dG9r\\u005aW4=\""),
                session(expiration, account).replace("\"SessionToken\": \"dG9rZW4=\"", "\"SessionToken\": \"\""),
                session(expiration, account).replace("ASIAEXAMPLEEXAMPLE00", "asia-example"),
                session(expiration, account).replace("\"AccessKeyId\"", "\"AccessKeyId\": \"ASIADUPLICATEDUPLICA\", \"AccessKeyId\""),
                session(expiration, account) + "{}",
                "{\"Credentials\": {\"AccessKeyId\": \"ASIAEXAMPLEEXAMPLE00\", \"Version\": 1e999999999}}",
                "not json"));
        return env;
    }

    private static String session(String expiration, String account) {
        return "{\"Credentials\": {\"AccessKeyId\": \"ASIAEXAMPLEEXAMPLE00\", \"SecretAccessKey\": \"c2VjcmV0\", \"SessionToken\": "
                + "\"dG9rZW4=\", \"Expiration\": \"" + expiration + "\"" + account + "}, \"AssumedRoleUser\": {\"AssumedRoleId\": "
                + "\"AROA:jon\", \"Arn\": \"arn:aws:sts::123456789012:assumed-role/Admin/jon\"}}";
    }

    private void noise(StringBuilder file, String nl) {
        if (random.nextDouble() < bias) return;
        switch (random.nextInt(12)) {
            case 0 -> file.append("# a comment").append(nl);
            case 1 -> file.append(nl).append("; another").append(nl).append("   ").append(nl);
            case 2 -> file.append("[profile other]").append(nl).append("region = us-east-1").append(nl);
            case 3 -> file.append("[sso-session corp]").append(nl).append("sso_region = us-east-1").append(nl);
            case 4 -> file.append("[profile other]").append(nl).append("s3 =").append(nl).append("  addressing_style = path").append(nl);
            case 5 -> file.append("[plugins]").append(nl).append("x = y").append(nl);
            case 6 -> file.append("[profile caf\u00e9]").append(nl).append("region = us-east-1").append(nl);
            case 7 -> file.append("[profile dup]").append(nl).append("[profile dup]").append(nl);
            case 8 -> file.append("[default]").append(nl).append("region = us-east-1").append(nl);
            default -> { }
        }
    }

    // ---- helpers ----

    /** What the full path prints, or the error it gives; the vault must not be opened on a cache hit. */
    private String fullPath(Settings settings, String profile) {
        ResolveOptions options = ResolveOptions.NONE.withKeyStore(() -> {
            throw new AssertionError("the full path opened the vault");
        });
        try {
            var credentials = new ProfileCredentialsProvider(settings, profile, clock, options).resolve();
            return CredentialsFormat.CREDENTIAL_PROCESS.render(credentials, Optional.empty(), profile);
        } catch (CredentialsException e) {
            return "error: " + e.getMessage();
        }
    }

    private Settings settings(Path home, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("HOME", home.toString());
        // A miss must never reach a real STS: the full path then fails, and the test with it.
        all.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9");
        all.put("AWS_EC2_METADATA_DISABLED", "true");
        return Settings.of(Map.of(), all, home);
    }

    private Path home(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    private static Path cacheFile(Path home, String key) {
        return new CliSessionCache(home.resolve(".aws/cli/cache"), Clock.systemUTC()).file(key);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String describe(Path home) throws IOException {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                s.append("--- ").append(home.relativize(f)).append('\n').append(Files.readString(f)).append('\n');
            }
        }
        return s.toString();
    }

    /** The first choice (the plain one) with the case's bias, else any. */
    @SafeVarargs
    private <T> T pick(T... choices) {
        return random.nextDouble() < bias ? choices[0] : choices[random.nextInt(choices.length)];
    }

    /** True one time in {@code n} when the case is not kept plain. */
    private boolean rare(int n) {
        return random.nextDouble() >= bias && random.nextInt(n) == 0;
    }
}
