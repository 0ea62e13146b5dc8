package dev.stscreds.cli;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.ProfileFileException;
import dev.stscreds.prompt.InputNeededException;
import dev.stscreds.cli.render.Style;
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
        return describe(e, Style.PLAIN);
    }

    static String describe(CredentialsException e, Style style) {
        return style.red(style.bold("stscreds:")) + " " + e.getMessage()
                + e.hint().map(h -> "\n  " + style.yellow("hint:") + " " + h).orElse("");
    }

    static int exitCode(CredentialsException e) {
        if (e instanceof InputNeededException) return ExitCodes.INPUT_NEEDED;
        return e instanceof ProfileFileException ? ExitCodes.BAD_CONFIGURATION : ExitCodes.NO_CREDENTIALS;
    }
}
