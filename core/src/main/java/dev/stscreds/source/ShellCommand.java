package dev.stscreds.source;

import java.util.List;
import java.util.Locale;

/**
 * A command line handed to the platform's shell, as the Java and Go SDKs run
 * {@code credential_process}: {@code sh -c COMMAND}, or {@code cmd.exe /C COMMAND} on Windows.
 */
final class ShellCommand {
    private final String command;
    private final boolean windows;

    private ShellCommand(String command, boolean windows) {
        this.command = command;
        this.windows = windows;
    }

    static ShellCommand forThisPlatform(String command) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return new ShellCommand(command, os.startsWith("windows"));
    }

    static ShellCommand posix(String command) {
        return new ShellCommand(command, false);
    }

    List<String> argv() {
        return windows ? List.of("cmd.exe", "/C", command) : List.of("sh", "-c", command);
    }

    String shell() {
        return windows ? "cmd.exe" : "sh";
    }

    boolean isPosix() {
        return !windows;
    }

    /** The line a user can paste into a terminal to run the command the same way. */
    String toPasteableLine() {
        return windows ? "cmd.exe /C " + command : "sh -c '" + command.replace("'", "'\\''") + "'";
    }
}
