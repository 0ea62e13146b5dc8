package dev.stscreds.source;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@code credential_process} command and reads the credentials it prints (SPEC §4).
 *
 * <p>The command runs with {@code sh -c} ({@code cmd.exe /C} on Windows) and this process's stdin,
 * so a command that asks for an MFA code on the terminal works. Its stdout is capped
 * ({@link Builder#outputLimit}), its stderr is shown only when it fails, and a command that runs past
 * {@link Builder#timeout} is killed together with everything it started.
 *
 * <p>Every {@link #resolve()} runs the command again: caching and refreshing belong to the refresh
 * decorator that wraps this provider. The provider owns no thread; each run uses two short-lived
 * threads of its own to drain the command's output (see {@link CommandRunner}).
 */
public final class ProcessCredentialsProvider implements CredentialsProvider {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    static final int DEFAULT_OUTPUT_LIMIT = 64_000;
    private static final int COMMAND_NOT_FOUND = 127;
    private static final int COMMAND_NOT_EXECUTABLE = 126;

    private final ShellCommand command;
    private final String label;
    private final Duration timeout;
    private final int outputLimit;
    private final Map<String, String> environment;
    private final Clock clock;
    private final String accountId;

    private ProcessCredentialsProvider(Builder b, ShellCommand command) {
        this.accountId = b.accountId;
        this.command = command;
        this.label = b.label;
        this.timeout = b.timeout;
        this.outputLimit = b.outputLimit;
        this.environment = b.environment;
        this.clock = b.clock;
    }

    /** A provider for {@code command}, the value of a {@code credential_process} setting. */
    public static Builder builder(String command) {
        return new Builder(command);
    }

    @Override
    public Credentials resolve() {
        CommandResult result = run();
        switch (result.ending()) {
            case TIMED_OUT:
                throw new CredentialsException(
                        label + " did not finish within " + describe(timeout) + " and was stopped" + stderrPart(result),
                        "run the command yourself to see what it waits for: " + command.toPasteableLine()
                                + "; a command that asks for input must prompt on the terminal (/dev/tty), not on stdout");
            case OUTPUT_TOO_LARGE:
                throw new CredentialsException(
                        label + " wrote more than " + outputLimit + " bytes on stdout and was stopped",
                        "the command must print one small JSON object; " + runItYourself());
            case EXITED:
            default:
                break;
        }
        if (result.exitStatus() != 0) throw exitError(result);
        String stdout = new String(result.stdout(), StandardCharsets.UTF_8);
        Credentials credentials = CredentialProcessOutput.parse(stdout, label, clock, runItYourself());
        // botocore: the profile's aws_account_id stands in when the output has no AccountId.
        if (credentials.accountId().isEmpty() && accountId != null) return credentials.toBuilder().accountId(accountId).build();
        return credentials;
    }

    @Override
    public String name() {
        return label;
    }

    @Override
    public String toString() {
        return "ProcessCredentialsProvider[" + label + "]";
    }

    private CommandResult run() {
        try {
            return new CommandRunner(command.argv(), environment, timeout, outputLimit).run();
        } catch (IOException e) {
            throw new CredentialsException("could not start " + label + " with " + command.shell() + ": " + e.getMessage(),
                    "check that " + command.shell() + " is installed and on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsException("interrupted while waiting for " + label + "; the command was stopped");
        }
    }

    private CredentialsException exitError(CommandResult result) {
        int status = result.exitStatus();
        if (command.isPosix() && status == COMMAND_NOT_FOUND) {
            return new CredentialsException(
                    label + ": command not found (" + command.shell() + " exited with status 127)" + stderrPart(result),
                    "check the command's spelling and that it is on the PATH of the process; " + runItYourself());
        }
        if (command.isPosix() && status == COMMAND_NOT_EXECUTABLE) {
            return new CredentialsException(
                    label + ": command is not executable (" + command.shell() + " exited with status 126)"
                            + stderrPart(result),
                    "check the file's execute permission (chmod +x); " + runItYourself());
        }
        return new CredentialsException(label + " exited with status " + status + stderrPart(result),
                runItYourself());
    }

    private String runItYourself() {
        return "run the command yourself to see its output: " + command.toPasteableLine();
    }

    private static String stderrPart(CommandResult result) {
        return result.stderrTail().isEmpty() ? " (nothing on stderr)" : ": " + result.stderrTail();
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Settings for one {@code credential_process}; the defaults are those of the Go and Java SDKs. */
    public static final class Builder {
        private final String command;
        private String label = "credential_process";
        private Duration timeout = DEFAULT_TIMEOUT;
        private int outputLimit = DEFAULT_OUTPUT_LIMIT;
        private Map<String, String> environment;
        private Clock clock = Clock.systemUTC();
        private String accountId;

        private Builder(String command) {
            this.command = command;
        }

        /** Names the command in errors and as the credentials' source, e.g. {@code credential_process in profile dev (~/.aws/config:12)}. */
        public Builder source(String label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /** How long the command may run before it is killed; 1 minute by default. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The most bytes the command may print on stdout; 64,000 by default. */
        public Builder outputLimit(int bytes) {
            if (bytes <= 0) throw new IllegalArgumentException("output limit must be positive: " + bytes);
            this.outputLimit = bytes;
            return this;
        }

        /** The command's whole environment; by default it inherits this process's. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** The account of the credentials when the output has no {@code AccountId} (a profile's {@code aws_account_id}). */
        public Builder accountId(String accountId) {
            this.accountId = accountId == null || accountId.isBlank() ? null : accountId.strip();
            return this;
        }

        /** Judges whether the printed credentials have already expired. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws CredentialsException if the command is missing or blank */
        public ProcessCredentialsProvider build() {
            if (command == null || command.isBlank()) {
                throw new CredentialsException(label + " has no command to run",
                        "set credential_process to a command that prints credentials as JSON"
                                + " ({\"Version\": 1, \"AccessKeyId\": ..., \"SecretAccessKey\": ...})");
            }
            return new ProcessCredentialsProvider(this, ShellCommand.forThisPlatform(command.strip()));
        }
    }
}
