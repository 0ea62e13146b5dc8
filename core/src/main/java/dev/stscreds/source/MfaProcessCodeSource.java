package dev.stscreds.source;

import dev.stscreds.CredentialsException;
import dev.stscreds.mfa.MfaCodeSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The profile key {@code mfa_process}: a command whose trimmed stdout is the MFA code (e.g.
 * {@code ykman oath accounts code --single aws}), run with {@code sh -c} like {@code credential_process}.
 */
public final class MfaProcessCodeSource implements MfaCodeSource {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final int OUTPUT_LIMIT = 1024;

    private final ShellCommand command;
    private final Map<String, String> environment;
    private final String label;

    /**
     * @param environment the child's whole environment, or null to inherit
     * @param label       names the key in errors, e.g. {@code mfa_process in profile dev (~/.aws/config:7)}
     */
    public MfaProcessCodeSource(String command, Map<String, String> environment, String label) {
        this.command = ShellCommand.forThisPlatform(command.strip());
        this.environment = environment;
        this.label = label;
    }

    @Override
    public String code(String serialNumber, String profile) {
        CommandResult result;
        try {
            result = new CommandRunner(command.argv(), environment, TIMEOUT, OUTPUT_LIMIT).run();
        } catch (IOException e) {
            throw new CredentialsException(label + " could not be started: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsException("interrupted while running " + label);
        }
        switch (result.ending()) {
            case TIMED_OUT -> throw new CredentialsException(label + " did not finish within " + TIMEOUT.toSeconds() + " s", null);
            case OUTPUT_TOO_LARGE -> throw new CredentialsException(label + " printed more than " + OUTPUT_LIMIT + " bytes",
                    "it must print only the 6-digit code");
            default -> { }
        }
        if (result.exitStatus() != 0) {
            throw new CredentialsException(label + " exited with status " + result.exitStatus()
                    + (result.stderrTail().isBlank() ? "" : ": " + result.stderrTail().strip()), null);
        }
        return new String(result.stdout(), StandardCharsets.UTF_8).trim();
    }
}
