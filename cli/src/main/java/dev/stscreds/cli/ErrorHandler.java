package dev.stscreds.cli;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.ProfileFileException;
import picocli.CommandLine;

/** Prints a library error as "stscreds: message" plus its hint, never a stack trace (with --debug, the stack trace too). */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        boolean debug = cmd.getCommandSpec().root().userObject() instanceof StscredsCommand root && root.debug();
        if (ex instanceof CredentialsException ce) {
            cmd.getErr().println(ErrorReport.describe(ce));
            if (debug) ex.printStackTrace(cmd.getErr());
            return ErrorReport.exitCode(ce);
        }
        cmd.getErr().println("stscreds: unexpected error: " + ex);
        if (debug) ex.printStackTrace(cmd.getErr());
        return ExitCodes.NO_CREDENTIALS;
    }
}
