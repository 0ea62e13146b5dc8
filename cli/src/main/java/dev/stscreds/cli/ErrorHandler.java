package dev.stscreds.cli;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.ProfileFileException;
import picocli.CommandLine;

/** Prints a library error as "stscreds: message" plus its hint, never a stack trace (unless --debug later). */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (ex instanceof CredentialsException ce) {
            cmd.getErr().println(ErrorReport.describe(ce));
            return ErrorReport.exitCode(ce);
        }
        cmd.getErr().println("stscreds: unexpected error: " + ex);
        return ExitCodes.NO_CREDENTIALS;
    }
}
