package dev.stscreds.mfa;

import dev.stscreds.CredentialsException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The ready-made MFA code sources: an explicit code, the terminal, and checking. */
public final class MfaCodes {
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final Path TTY = Path.of("/dev/tty");

    private MfaCodes() {}

    /** A code given up front (e.g. {@code --mfa-token}). */
    public static MfaCodeSource explicit(String code) {
        return (serial, profile) -> code;
    }

    /**
     * Asks on the controlling terminal. Never on stderr alone: tools that run
     * {@code credential_process} hide its stderr, so a prompt there would never be seen.
     */
    public static MfaCodeSource terminal() {
        return terminal(TTY);
    }

    /** Asks on the given terminal device (tests pass a file pair through a fake device). */
    static MfaCodeSource terminal(Path tty) {
        return (serial, profile) -> {
            if (!Files.isReadable(tty) || !Files.isWritable(tty)) {
                throw noTerminal(serial, profile);
            }
            try (Writer out = new OutputStreamWriter(Files.newOutputStream(tty), StandardCharsets.UTF_8);
                 BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(tty), StandardCharsets.UTF_8))) {
                out.write("MFA code for " + serial + " (profile " + profile + "): ");
                out.flush();
                String line = in.readLine();
                if (line == null) throw noTerminal(serial, profile);
                return line.trim();
            } catch (IOException e) {
                throw noTerminal(serial, profile);
            }
        };
    }

    /** Checks that the code is exactly 6 digits (spaces trimmed) before anything is sent. */
    public static MfaCodeSource checked(MfaCodeSource source) {
        return (serial, profile) -> {
            String code = source.code(serial, profile);
            String trimmed = code == null ? "" : code.trim();
            if (!SIX_DIGITS.matcher(trimmed).matches()) {
                throw new CredentialsException("the MFA code for " + serial + " (profile " + profile + ") is not 6 digits",
                        "give the 6-digit code the device shows now");
            }
            return trimmed;
        };
    }

    private static CredentialsException noTerminal(String serial, String profile) {
        return new CredentialsException("profile " + profile + " needs an MFA code for " + serial
                + ", but there is no terminal to ask on",
                "pass the code with --mfa-token, or set mfa_process in the profile to a command that prints it");
    }
}
