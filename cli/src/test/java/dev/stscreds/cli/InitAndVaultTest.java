package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init stores keys in the encrypted vault; a profile whose credential_process names itself is answered from it. */
class InitAndVaultTest {
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void vault() throws Exception {
        env.put("HOME", home.toString());
        env.put("STSCREDS_HOME", home.resolve(".stscreds").toString());
        env.put("STSCREDS_VAULT", "file");
        env.put("STSCREDS_VAULT_PASSPHRASE", "correct horse battery staple");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"),
                "[profile dev]\ncredential_process = stscreds credential-process --profile dev\nregion = eu-west-1\n");
    }

    private int run(Map<String, String> extra, String... args) {
        Map<String, String> e = new HashMap<>(env);
        e.putAll(extra);
        out.reset();
        err.reset();
        return StscredsCommand.run(args, Settings.of(Map.of(), e, home), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void initFromTheEnvironmentThenCredentialProcessAnswersFromTheVault() throws Exception {
        int init = run(Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET), "init", "-p", "dev", "--from-env");
        assertThat(init).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("AKIA…MPLE", "encrypted").doesNotContain(SECRET);

        // --no-session: the keys themselves (by default they are first traded for a session, which needs STS)
        assertThat(run(Map.of(), "credential-process", "-p", "dev", "--no-session")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"AccessKeyId\":\"" + KEY_ID + "\"", SECRET);

        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void initFromTheIamConsoleCsv() throws Exception {
        Path csv = Files.writeString(home.resolve("jon_accessKeys.csv"),
                "\uFEFFAccess key ID,Secret access key\n" + KEY_ID + "," + SECRET + "\n");
        assertThat(run(Map.of(), "init", "-p", "dev", "--csv", csv.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(run(Map.of(), "read", "aws_access_key_id", "-p", "dev")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(KEY_ID + "\n");
    }

    @Test
    void aWrongPassphraseSaysSo() {
        run(Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET), "init", "-p", "dev", "--from-env");
        assertThat(run(Map.of("STSCREDS_VAULT_PASSPHRASE", "wrong"), "credential-process", "-p", "dev")).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err.toString(StandardCharsets.UTF_8)).containsIgnoringCase("passphrase").doesNotContain(SECRET);
    }

    @Test
    void sessionKeysAreNotStored() {
        assertThat(run(Map.of("AWS_ACCESS_KEY_ID", "ASIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY", SECRET),
                "init", "-p", "dev", "--from-env")).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("temporary session key");
    }

    @Test
    void aProfileMissingFromTheVaultSaysHowToAddIt() {
        assertThat(run(Map.of(), "credential-process", "-p", "dev")).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("stscreds init --profile dev");
    }
}
