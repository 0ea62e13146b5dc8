package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** aws_signing_helper's flags: the harmless ones are taken, the unsupported ones refused with the reason, none crash. */
class RolesAnywhereCommandTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... extra) {
        List<String> args = new ArrayList<>(List.of("roles-anywhere", "credential-process", "--certificate",
                home.resolve("missing.pem").toString(), "--private-key", home.resolve("missing.key").toString(),
                "--trust-anchor-arn", "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/ab",
                "--profile-arn", "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/cd",
                "--role-arn", "arn:aws:iam::111122223333:role/R"));
        args.addAll(List.of(extra));
        return StscredsCommand.run(args.toArray(String[]::new), Settings.of(Map.of(), Map.of(), home), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void acceptedFlagsGetAsFarAsReadingTheCertificate() {
        for (List<String> flags : List.of(List.of("--with-proxy"), List.of("--reuse-pin"), List.of("--session-duration", "900"))) {
            err.reset();
            assertThat(run(flags.toArray(String[]::new))).as(flags.toString()).isEqualTo(ExitCodes.NO_CREDENTIALS);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.pem does not exist");
        }
    }

    @Test
    void aPasswordOnTheCommandLineIsWarnedAbout() {
        run("--pkcs8-password", "hunter2-pass");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("warning: --pkcs8-password shows the password")
                .doesNotContain("hunter2-pass");
    }

    @Test
    void unsupportedFlagsAreRefusedWithTheReason() {
        assertThat(run("--no-verify-ssl")).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--no-verify-ssl is not supported").contains("AWS_CA_BUNDLE");
        err.reset();
        assertThat(run("--cert-selector", "Key=x-issuer,Value=CA")).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("certificate stores of the OS and TPM keys are not supported");
    }

    @Test
    void aDurationOutsideTheRangeNamesTheFlag() {
        assertThat(run("--session-duration", "60")).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("900 to 43,200 seconds").contains("--session-duration");
    }
}
