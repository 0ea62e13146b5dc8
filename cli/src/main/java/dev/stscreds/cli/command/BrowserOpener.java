package dev.stscreds.cli.command;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a URL in the user's browser: {@code open} on macOS, {@code xdg-open} elsewhere when a
 * desktop is there (DISPLAY or WAYLAND_DISPLAY). The URL is an argument of that command only:
 * never printed, never in an error.
 */
final class BrowserOpener {
    private static final long WAIT_SECONDS = 10;

    private BrowserOpener() {}

    static void open(Settings settings, URI url) {
        String opener = openerName(settings).orElseThrow(() -> new CredentialsException(
                "no browser to open: neither DISPLAY nor WAYLAND_DISPLAY is set",
                "use --stdout to print the sign-in URL instead (it is a credential for 15 minutes: do not share it)"));
        Path executable = onPath(settings, opener).orElseThrow(() -> new CredentialsException(
                "cannot open a browser: " + opener + " is not on PATH",
                "install it (xdg-utils), or use --stdout to print the sign-in URL"));
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), url.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new CredentialsException("cannot run " + executable + " to open a browser (" + e.getClass().getSimpleName() + ")",
                    "use --stdout to print the sign-in URL instead");
        }
        int status;
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) return; // a browser that stays in the foreground: it has the URL
            status = process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (status != 0) {
            throw new CredentialsException(executable + " could not open a browser (exit status " + status + ")",
                    "use --stdout to print the sign-in URL instead");
        }
    }

    private static Optional<String> openerName(Settings settings) {
        String os = settings.systemProperty("os.name").orElse("").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) return Optional.of("open");
        boolean desktop = settings.environmentVariable("DISPLAY").isPresent()
                || settings.environmentVariable("WAYLAND_DISPLAY").isPresent();
        return desktop ? Optional.of("xdg-open") : Optional.empty();
    }

    private static Optional<Path> onPath(Settings settings, String name) {
        for (String dir : settings.environmentVariable("PATH").orElse("").split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
