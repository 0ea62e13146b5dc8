package dev.stscreds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Runs real commands through {@code sh}; every test is guarded so a hang fails instead of blocking the build. */
@DisabledOnOs(OS.WINDOWS)
class ProcessCredentialsProviderTest {
    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final String LABEL = "credential_process in profile dev (~/.aws/config:12)";
    private static final String KEY_ID = "ASIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    private static final String VALID_JSON = "{\"Version\": 1, \"AccessKeyId\": \"" + KEY_ID + "\", \"SecretAccessKey\": \""
            + SECRET + "\", \"SessionToken\": \"" + TOKEN + "\", \"Expiration\": \"2026-11-22T13:00:00Z\"}";

    @TempDir
    Path dir;

    /**
     * A command that prints {@code output}. The text goes through a file so that the secret is
     * not part of the command line, which errors do show (a command line is not secret).
     */
    private String printing(String output) throws IOException {
        Path file = Files.createTempFile(dir, "output", ".json");
        Files.writeString(file, output);
        return "cat '" + file + "'";
    }

    private String printValid() throws IOException {
        return printing(VALID_JSON + "\n");
    }

    private static ProcessCredentialsProvider.Builder command(String command) {
        return ProcessCredentialsProvider.builder(command).source(LABEL).clock(CLOCK);
    }

    private static Credentials resolve(ProcessCredentialsProvider.Builder builder) {
        return assertTimeoutPreemptively(GUARD, () -> builder.build().resolve());
    }

    private static CredentialsException failure(ProcessCredentialsProvider.Builder builder) {
        ProcessCredentialsProvider provider = builder.build();
        CredentialsException e = assertTimeoutPreemptively(GUARD, () -> {
            try {
                provider.resolve();
            } catch (CredentialsException expected) {
                return expected;
            }
            throw new AssertionError("expected " + provider + " to fail");
        });
        assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(TOKEN);
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).doesNotContain(SECRET).doesNotContain(TOKEN));
        return e;
    }

    @Test
    void readsTheCredentialsTheCommandPrints() throws IOException {
        Credentials c = resolve(command(printValid()));

        assertThat(c.accessKeyId()).isEqualTo(KEY_ID);
        assertThat(c.secretAccessKey()).isEqualTo(SECRET);
        assertThat(c.sessionToken()).contains(TOKEN);
        assertThat(c.expiration()).contains(Instant.parse("2026-11-22T13:00:00Z"));
        assertThat(c.source()).isEqualTo(LABEL);
    }

    @Test
    void credentialsWithoutExpirationAndWithAccountId() {
        Credentials c = resolve(command("printf '%s' '{\"Version\":1,\"AccessKeyId\":\"AKIAIOSFODNN7EXAMPLE\","
                + "\"SecretAccessKey\":\"s3cr3t\",\"AccountId\":\"123456789012\"}'"));

        assertThat(c.expiration()).isEmpty();
        assertThat(c.accountId()).contains("123456789012");
        assertThat(c.isTemporary()).isFalse();
    }

    @Test
    void everyResolveRunsTheCommandAgain() throws IOException {
        Path runs = dir.resolve("runs");
        ProcessCredentialsProvider provider = command("echo run >> '" + runs + "'; " + printValid()).build();

        assertTimeoutPreemptively(GUARD, () -> {
            provider.resolve();
            provider.resolve();
            provider.resolve();
        });

        assertThat(Files.readAllLines(runs)).hasSize(3);
    }

    @Test
    void expiredCredentialsAreRefused() throws IOException {
        String expired = VALID_JSON.replace("2026-11-22T13:00:00Z", "2026-11-22T11:00:00Z");
        assertThat(failure(command(printing(expired))).getMessage())
                .startsWith(LABEL + " returned credentials that expired at 2026-11-22T11:00:00Z");
    }

    @Test
    void versionAsAStringIsRefused() throws IOException {
        String quoted = VALID_JSON.replace("\"Version\": 1", "\"Version\": \"1\"");
        assertThat(failure(command(printing(quoted))).getMessage())
                .contains("\"Version\" is the string \"1\"");
    }

    @Test
    void nonJsonOutputIsRefusedWithoutQuotingIt() throws IOException {
        CredentialsException e = failure(command("echo 'Enter MFA code:'; " + printValid()));
        assertThat(e.getMessage()).contains("output of " + LABEL).contains("not valid JSON").doesNotContain("MFA");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("sh -c '"));
    }

    @Test
    void nonZeroExitCarriesStderrButNotStdout() throws IOException {
        CredentialsException e = failure(command(
                printValid() + "; echo 'session expired, run: sso login' >&2; exit 3"));

        assertThat(e.getMessage()).isEqualTo(LABEL + " exited with status 3: session expired, run: sso login");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h)
                .startsWith("run the command yourself to see its output: sh -c '")
                .contains("exit 3"));
    }

    @Test
    void nonZeroExitWithSilentStderrSaysSo() {
        assertThat(failure(command("exit 1")).getMessage()).isEqualTo(LABEL + " exited with status 1 (nothing on stderr)");
    }

    @Test
    void commandNotFoundSaysSoWithStderr() {
        CredentialsException e = failure(command("no-such-credential-helper-3f9c --profile dev"));

        assertThat(e.getMessage())
                .startsWith(LABEL + ": command not found (sh exited with status 127)")
                .contains("no-such-credential-helper-3f9c")
                .contains("not found");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h)
                .contains("PATH")
                .contains("sh -c 'no-such-credential-helper-3f9c --profile dev'"));
    }

    @Test
    void singleQuotesInTheCommandAreQuotedInTheHint() {
        CredentialsException e = failure(command("echo 'it'\"'\"'s broken' >&2; exit 2"));
        assertThat(e.getMessage()).endsWith(": it's broken");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h)
                .endsWith("sh -c 'echo '\\''it'\\''\"'\\''\"'\\''s broken'\\'' >&2; exit 2'"));
    }

    @Test
    void outputOverTheLimitKillsTheCommandAndSaysTheLimit() {
        CredentialsException e = failure(command("yes | head -c 200000"));
        assertThat(e.getMessage()).isEqualTo(LABEL + " wrote more than 64000 bytes on stdout and was stopped");
    }

    @Test
    void outputOverTheLimitOfACommandThatWouldRunOnIsStopped() throws IOException {
        Path pidFile = dir.resolve("pid");
        // `yes` alone never ends: only the cap can stop this run before the guard.
        CredentialsException e = failure(command("echo $$ > '" + pidFile + "'; exec yes").outputLimit(1000));

        assertThat(e.getMessage()).contains("more than 1000 bytes");
        assertProcessEnds(Long.parseLong(Files.readString(pidFile).trim()));
    }

    @Test
    void outputExactlyAtTheLimitIsAccepted() throws IOException {
        int size = (VALID_JSON + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertThat(resolve(command(printValid()).outputLimit(size)).accessKeyId()).isEqualTo(KEY_ID);
        assertThat(failure(command(printValid()).outputLimit(size - 1)).getMessage()).contains("more than");
    }

    @Test
    void timeoutKillsTheCommandAndWhatItStarted() throws IOException {
        Path pidFile = dir.resolve("pid");
        // The background sleep holds stdout and stderr open, as a forgotten child of a helper would.
        CredentialsException e = failure(command("echo 'Enter MFA code:' >&2; sleep 600 & echo $! > '" + pidFile
                + "'; wait").timeout(Duration.ofMillis(500)));

        assertThat(e.getMessage()).isEqualTo(LABEL + " did not finish within 500 ms and was stopped: Enter MFA code:");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("/dev/tty").contains("sh -c '"));
        assertProcessEnds(Long.parseLong(Files.readString(pidFile).trim()));
    }

    @Test
    void timeoutOfACommandThatIsJustASleep() {
        CredentialsException e = failure(command("sleep 600").timeout(Duration.ofMillis(500)));
        assertThat(e.getMessage()).startsWith(LABEL + " did not finish within 500 ms");
    }

    @Test
    void backgroundChildHoldingStdoutOpenDoesNotHangTheRun() throws IOException {
        Path pidFile = dir.resolve("pid");
        ProcessCredentialsProvider.Builder builder =
                command("sleep 600 & echo $! > '" + pidFile + "'; " + printValid());
        try {
            assertThat(resolve(builder).secretAccessKey()).isEqualTo(SECRET);
        } finally {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aMegabyteOfStderrDoesNotBlockTheCommand() throws IOException {
        Credentials c = resolve(command("head -c 1000000 /dev/zero | tr '\\0' x >&2; " + printValid()));
        assertThat(c.accessKeyId()).isEqualTo(KEY_ID);
    }

    @Test
    void onlyTheEndOfALongStderrIsCarried() {
        CredentialsException e = failure(command(
                "echo FIRST >&2; head -c 1000000 /dev/zero | tr '\\0' x >&2; echo; echo 'the real reason' >&2; exit 4"));

        assertThat(e.getMessage())
                .startsWith(LABEL + " exited with status 4: …")
                .endsWith("the real reason")
                .doesNotContain("FIRST");
        assertThat(e.getMessage().length()).isLessThan(LABEL.length() + 100 + CommandRunner.STDERR_TAIL_BYTES);
    }

    @Test
    void environmentGivenToTheBuilderIsTheChildsWholeEnvironment() {
        String json = "{\"Version\":1,\"AccessKeyId\":\"%s\",\"SecretAccessKey\":\"s\",\"AccountId\":\"%s\"}";
        Credentials c = resolve(command("printf '" + json + "' \"${HOME-unset}\" \"$STSCREDS_TEST_ACCOUNT\"")
                .environment(Map.of("STSCREDS_TEST_ACCOUNT", "123456789012")));

        assertThat(c.accountId()).contains("123456789012");
        assertThat(c.accessKeyId()).isEqualTo("unset");
    }

    @Test
    void stdinIsInheritedSoAPromptCanReadTheTerminal() throws IOException {
        Path ourStdin = Path.of("/proc/self/fd/0");
        assumeTrue(Files.isSymbolicLink(ourStdin), "needs /proc");
        String json = "{\"Version\":1,\"AccessKeyId\":\"%s\",\"SecretAccessKey\":\"s\"}";

        // The key id carries the letters and digits of what the command's stdin is (a key id holds nothing else).
        Credentials c = resolve(command("printf '" + json + "' \"$(readlink /proc/$$/fd/0 | tr -cd 'A-Za-z0-9')\""));

        assertThat(c.accessKeyId()).isEqualTo(Files.readSymbolicLink(ourStdin).toString().replaceAll("[^A-Za-z0-9]", ""));
    }

    @Test
    void missingOrBlankCommandIsRefused() {
        for (String blank : new String[] {null, "", "  \t"}) {
            assertThatThrownBy(() -> command(blank).build())
                    .isInstanceOf(CredentialsException.class)
                    .hasMessage(LABEL + " has no command to run");
        }
    }

    @Test
    void builderRefusesNonsenseLimits() {
        assertThatThrownBy(() -> command("true").timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> command("true").outputLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nameAndToStringShowTheLabelOnly() {
        ProcessCredentialsProvider p = command("my-helper --secret-flag").build();
        assertThat(p.name()).isEqualTo(LABEL);
        assertThat(p.toString()).contains(LABEL).doesNotContain("my-helper");
        assertThat(ProcessCredentialsProvider.builder("x").build().name()).isEqualTo("credential_process");
    }

    /**
     * Waits (bounded) for a killed process to be gone. A process killed with SIGKILL ends within
     * moments, but not at the instant kill(2) returns. Where the container's init does not reap
     * orphans, the killed process stays a zombie, which {@link ProcessHandle#isAlive()} still
     * reports as alive; a zombie runs nothing, so it counts as gone.
     */
    private static void assertProcessEnds(long pid) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (isRunning(pid) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(isRunning(pid)).as("process %d still runs", pid).isFalse();
    }

    private static boolean isRunning(long pid) {
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) return false;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            return !List.of("Z", "X").contains(state);
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }
}
