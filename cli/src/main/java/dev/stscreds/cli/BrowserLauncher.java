package dev.stscreds.cli;

import dev.stscreds.config.Settings;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Opens a URL in the user's browser with the desktop's own opener ({@code open} on macOS,
 * {@code xdg-open} where a display is set), without waiting for it and without AWT.
 */
public final class BrowserLauncher {
    private BrowserLauncher() {}

    /** The command that would open {@code url} here, or empty when there is no desktop to open it on. */
    static Optional<List<String>> command(Settings settings, String osName, String url) {
        if (osName.toLowerCase(java.util.Locale.ROOT).startsWith("mac")) return Optional.of(List.of("open", url));
        boolean display = settings.environmentVariable("DISPLAY").isPresent()
                || settings.environmentVariable("WAYLAND_DISPLAY").isPresent();
        return display ? Optional.of(List.of("xdg-open", url)) : Optional.empty();
    }

    /** Tries to open {@code url}; false when there is no desktop or the opener could not be started. */
    public static boolean open(Settings settings, String url) {
        Optional<List<String>> command = command(settings, System.getProperty("os.name", ""), url);
        if (command.isEmpty()) return false;
        try {
            new ProcessBuilder(command.get())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return true;
        } catch (IOException e) {
            return false; // no opener installed: the URL is printed anyway
        }
    }
}
