package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.config.Settings;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.testkit.sts.VirtualMfa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth, whoami, policy, remove and clear against the testkit's STS and IAM, with keys in the file vault. */
class VaultCommandsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String OTHER_PROFILES = """
            # my credentials — keep this comment
            [work]
            aws_access_key_id = AKIAWORKWORKWORKWORK
            aws_secret_access_key = work-secret ; inline note

            [dev]
            ; the session goes here
            aws_access_key_id = OLDOLDOLDOLDOLDOLDOLD
            aws_secret_access_key = old

            [last]
            region = us-west-2
            """;

    @TempDir
    Path home;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private LocalSts sts;
    private VirtualMfa mfa;

    @BeforeEach
    void world() throws Exception {
        sts = new LocalSts().clock(clock).start();
        sts.createUser("jon");
        AccessKey key = sts.createAccessKey("jon");
        mfa = sts.createVirtualMfa("jon");
        env.put("HOME", home.toString());
        env.put("STSCREDS_HOME", home.resolve(".stscreds").toString());
        env.put("STSCREDS_VAULT", "file");
        env.put("STSCREDS_VAULT_PASSPHRASE", "pass phrase for the test");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), OTHER_PROFILES);
        assertThat(run(Map.of("AWS_ACCESS_KEY_ID", key.accessKeyId(), "AWS_SECRET_ACCESS_KEY", key.secretAccessKey()),
                "init", "-p", "dev", "--from-env")).isZero();
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private int run(Map<String, String> extra, String... args) {
        Map<String, String> e = new HashMap<>(env);
        e.putAll(extra);
        out.reset();
        err.reset();
        return StscredsCommand.run(args, Settings.of(Map.of(), e, home), clock,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void anMfaSessionReplacesOnlyThatProfilesKeys() throws Exception {
        int code = run(Map.of(), "auth", "-p", "dev", "--mfa-token", mfa.codeAt(NOW), "--duration", "1h",
                "--endpoint-url", sts.endpoint().toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(mfa.serialNumber(), "2026-11-22T11:00:00Z");

        String after = Files.readString(home.resolve(".aws/credentials"));
        String devSection = after.substring(after.indexOf("[dev]"), after.indexOf("[last]"));
        assertThat(after.substring(0, after.indexOf("[dev]"))).isEqualTo(OTHER_PROFILES.substring(0, OTHER_PROFILES.indexOf("[dev]")));
        assertThat(after.substring(after.indexOf("[last]"))).isEqualTo("[last]\nregion = us-west-2\n");
        assertThat(devSection).startsWith("[dev]\n; the session goes here\naws_access_key_id = ASIA")
                .contains("aws_session_token = ", "expiration = 2026-11-22T11:00:00Z").doesNotContain("OLDOLD");
        assertThat(sts.calls("GetSessionToken")).isEqualTo(1);
        assertThat(sts.calls("ListMFADevices")).as("the only device was looked up in IAM").isEqualTo(1);
    }

    @Test
    void aWrongCodeChangesNothing() throws Exception {
        String wrong = mfa.codeAt(NOW).equals("000000") ? "111111" : "000000";
        assertThat(run(Map.of(), "auth", "-p", "dev", "--mfa-token", wrong, "--endpoint-url", sts.endpoint().toString()))
                .isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("AccessDenied");
        assertThat(Files.readString(home.resolve(".aws/credentials"))).isEqualTo(OTHER_PROFILES);
    }

    @Test
    void whoamiThroughTheVault() throws Exception {
        Path config = Files.writeString(home.resolve("config-vault"),
                "[profile dev]\ncredential_process = stscreds credential-process --profile dev\n");
        int code = run(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString()),
                "whoami", "-p", "dev", "--endpoint-url", sts.endpoint().toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Arn:     arn:aws:iam::123456789012:user/jon");
    }

    @Test
    void policyForTheUser() {
        assertThat(run(Map.of(), "policy", "--user-arn", "arn:aws:iam::123456789012:user/jon")).isZero();
        var doc = dev.stscreds.wire.JsonDocument.parseObject(out.toString(StandardCharsets.UTF_8), "policy");
        assertThat(doc.string("Version")).contains("2012-10-17");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("arn:aws:iam::123456789012:mfa/${aws:username}",
                "\"aws:MultiFactorAuthPresent\": \"false\"");
    }

    @Test
    void removeThenTheProfileHasNoKeys() {
        assertThat(run(Map.of(), "remove", "-p", "dev")).isZero();
        assertThat(run(Map.of(), "remove", "-p", "dev")).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no keys");
    }

    @Test
    void clearRemovesCachedSessions() throws Exception {
        Path cache = Files.createDirectories(home.resolve(".aws/cli/cache"));
        Files.writeString(cache.resolve("a.json"), "{}");
        Files.writeString(cache.resolve("b.json"), "{}");
        assertThat(run(Map.of(), "clear")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Removed 2 cached sessions");
        try (var left = Files.list(cache)) {
            assertThat(left.filter(p -> p.toString().endsWith(".json"))).isEmpty();
        }
    }

    @Test
    void rotateReplacesTheKeyInIamAndInTheVault() throws Exception {
        Path config = Files.writeString(home.resolve("config-vault"),
                "[profile dev]\ncredential_process = stscreds credential-process --profile dev\n");
        Map<String, String> files = Map.of("AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString());
        assertThat(run(files, "read", "aws_access_key_id", "-p", "dev")).isZero();
        String oldKey = out.toString(StandardCharsets.UTF_8).trim();

        int code = run(files, "rotate", "-p", "dev", "--endpoint-url", sts.endpoint().toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(run(files, "read", "aws_access_key_id", "-p", "dev")).isZero();
        String newKey = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(newKey).startsWith("AKIA").isNotEqualTo(oldKey);
        assertThat(sts.calls("CreateAccessKey")).isEqualTo(1);
        assertThat(sts.calls("DeleteAccessKey")).isEqualTo(1);
        assertThat(run(files, "whoami", "-p", "dev", "--endpoint-url", sts.endpoint().toString())).isZero();
    }

    @Test
    void listShowsWhereEachProfilesKeysLive() throws Exception {
        assertThat(run(Map.of(), "auth", "-p", "dev", "--mfa-token", mfa.codeAt(NOW), "--duration", "1h",
                "--endpoint-url", sts.endpoint().toString())).isZero();
        assertThat(run(Map.of(), "list")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String listing = out.toString(StandardCharsets.UTF_8);
        assertThat(listing).contains("dev   session keys in the profile  (session expires 2026-11-22T11:00:00Z)",
                "work  long-term keys in the profile", "last  no credentials (settings only)");
        assertThat(listing).doesNotContain("work-secret");
    }

    @Test
    void theSessionWrittenByAuthCarriesItsExpiry() {
        assertThat(run(Map.of(), "auth", "-p", "dev", "--mfa-token", mfa.codeAt(NOW), "--duration", "1h",
                "--endpoint-url", sts.endpoint().toString())).isZero();
        assertThat(run(Map.of(), "read", "expiration", "-p", "dev")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("2026-11-22T11:00:00Z\n");
    }

    @Test
    void vaultMigrateThatFailsLeavesEveryKeyInTheSource() {
        int code = run(Map.of("PASSWORD_STORE_DIR", home.resolve("no-store").toString(), "PATH", System.getenv("PATH")),
                "vault", "migrate", "--from", "file", "--to", "pass");
        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing was removed");
        assertThat(run(Map.of(), "list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dev");
    }

    @Test
    void vaultMigrateMovesKeysToTheKernelKeyringAndBack() throws Exception {
        Process probe = new ProcessBuilder("keyctl", "show", "@u").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.waitFor() == 0, "keyctl is missing or refused here");
        Map<String, String> path = Map.of("PATH", System.getenv("PATH"));
        assertThat(run(path, "vault", "migrate", "--from", "file", "--to", "keyctl")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Moved 1 profile(s)", "kernel keyring @u");
        assertThat(run(path, "vault", "migrate", "--from", "keyctl", "--to", "file")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(run(Map.of(), "list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dev");
    }
}
