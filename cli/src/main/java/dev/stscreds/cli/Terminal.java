package dev.stscreds.cli;

import dev.stscreds.config.Settings;
import java.lang.reflect.Method;

/**
 * Whether standard output and standard error are terminals, and what that allows: colour (never
 * with NO_COLOR or TERM=dumb) and a progress spinner on standard error.
 *
 * <p>Java cannot ask whether one stream is a terminal, so {@code bin/stscreds} asks the shell
 * ({@code [ -t 1 ]}, {@code [ -t 2 ]}) and passes the answers as system properties. Started
 * another way, stscreds falls back on {@link System#console()}: both streams count as
 * terminals only when the JDK says it has one.
 */
public record Terminal(boolean stdoutIsTty, boolean stderrIsTty, boolean colourAllowed) {

    /** Nothing is a terminal: for tests and for output captured by another program. */
    public static final Terminal NONE = new Terminal(false, false, false);

    static final String STDOUT_PROPERTY = "stscreds.stdout.tty";
    static final String STDERR_PROPERTY = "stscreds.stderr.tty";

    /** Colour on standard output. */
    public boolean colourOnStdout() {
        return stdoutIsTty && colourAllowed;
    }

    /** Colour on standard error. */
    public boolean colourOnStderr() {
        return stderrIsTty && colourAllowed;
    }

    /** What this process's streams are, from the launcher's answers or the JDK's console. */
    public static Terminal detect(Settings settings) {
        boolean console = consoleIsTerminal();
        boolean out = settings.systemProperty(STDOUT_PROPERTY).map(Boolean::parseBoolean).orElse(console);
        boolean err = settings.systemProperty(STDERR_PROPERTY).map(Boolean::parseBoolean).orElse(console);
        // https://no-color.org: any non-empty NO_COLOR turns colour off.
        boolean noColour = settings.environmentVariable("NO_COLOR").filter(v -> !v.isEmpty()).isPresent()
                || settings.environmentVariable("TERM").filter("dumb"::equals).isPresent();
        return new Terminal(out, err, !noColour);
    }

    private static boolean consoleIsTerminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        // From JDK 22 System.console() is not null when redirected; isTerminal() then tells.
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
