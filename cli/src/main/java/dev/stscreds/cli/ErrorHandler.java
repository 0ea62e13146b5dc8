package dev.stscreds.cli;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.ProfileFileException;
import dev.stscreds.cli.render.Style;
import picocli.CommandLine;

/** Prints a library error as "stscreds: message" plus its hint, never a stack trace (with --debug, the stack trace too). */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private final Style style;

    ErrorHandler(Style style) {
        this.style = style;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        boolean debug = cmd.getCommandSpec().root().userObject() instanceof StscredsCommand root && root.debug();
        if (ex instanceof CredentialsException ce) {
            cmd.getErr().println(ErrorReport.describe(ce, style));
            if (debug) ex.printStackTrace(cmd.getErr());
            return ErrorReport.exitCode(ce);
        }
        cmd.getErr().println(style.red(style.bold("stscreds:")) + " unexpected error: " + ex);
        if (debug) ex.printStackTrace(cmd.getErr());
        return ExitCodes.NO_CREDENTIALS;
    }
}
