package dev.stscreds.cli;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.ProfileFileException;
import java.io.PrintStream;

/** How every command reports a library error: "stscreds: message", the hint, and the exit code. */
final class ErrorReport {
    private ErrorReport() {}

    static int report(CredentialsException e, PrintStream err) {
        err.println(describe(e));
        err.flush();
        return exitCode(e);
    }

    static String describe(CredentialsException e) {
        return "stscreds: " + e.getMessage() + e.hint().map(h -> "\n  hint: " + h).orElse("");
    }

    static int exitCode(CredentialsException e) {
        return e instanceof ProfileFileException ? ExitCodes.BAD_CONFIGURATION : ExitCodes.NO_CREDENTIALS;
    }
}
