package dev.stscreds.cli;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a URL in the user's browser with the desktop's own opener ({@code open} on macOS,
 * {@code xdg-open} where DISPLAY or WAYLAND_DISPLAY is set), without AWT. A URL that is a secret
 * (a console sign-in URL) goes through {@link #openOnce}: the opener, and the browser it starts,
 * get a one-time loopback URL instead, since command lines are visible to every user in {@code ps}.
 */
public final class Browser {
    /** A browser that stays in the foreground has the URL by then; one that fails says so quickly. */
    private static final long WAIT_SECONDS = 10;

    private Browser() {}

    /** The opener's name for this system, or empty when there is no desktop to open a page on. */
    static Optional<String> openerName(Settings settings, String osName) {
        if (osName.toLowerCase(Locale.ROOT).startsWith("mac")) return Optional.of("open");
        boolean desktop = settings.environmentVariable("DISPLAY").isPresent()
                || settings.environmentVariable("WAYLAND_DISPLAY").isPresent();
        return desktop ? Optional.of("xdg-open") : Optional.empty();
    }

    /** How long {@link #openOnce} waits for the browser to follow the one-time URL. */
    static final Duration SECRET_WAIT = Duration.ofSeconds(60);

    /**
     * Opens the secret {@code url} through a {@link OneTimeRedirect}, and waits until the browser has
     * followed it (at most {@link #SECRET_WAIT}): the URL itself is on no command line.
     */
    public static void openOnce(Settings settings, URI url, String fallback) {
        try (OneTimeRedirect redirect = OneTimeRedirect.to(url)) {
            open(settings, redirect.url().toString(), fallback);
            if (!redirect.awaitUsed(SECRET_WAIT)) {
                throw new CredentialsException("the browser did not open the page within " + SECRET_WAIT.toSeconds() + " s", fallback);
            }
        }
    }

    /** Tries to open {@code url}; false when there is no desktop, no opener, or the opener failed. */
    public static boolean tryOpen(Settings settings, String url) {
        try {
            open(settings, url, "");
            return true;
        } catch (CredentialsException e) {
            return false;
        }
    }

    /**
     * Opens {@code url} or says why it could not.
     *
     * @param fallback what the user can do instead, e.g. "use --stdout to print the sign-in URL"
     */
    public static void open(Settings settings, String url, String fallback) {
        String opener = openerName(settings, settings.systemProperty("os.name").orElse("")).orElseThrow(() ->
                new CredentialsException("no browser to open: neither DISPLAY nor WAYLAND_DISPLAY is set", fallback));
        Path executable = onPath(settings, opener).orElseThrow(() -> new CredentialsException(
                "cannot open a browser: " + opener + " is not on PATH", "install it (xdg-utils), or " + fallback));
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), url)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new CredentialsException("cannot run " + executable + " to open a browser (" + e.getClass().getSimpleName() + ")", fallback);
        }
        int status;
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) return;
            status = process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (status != 0) {
            throw new CredentialsException(executable + " could not open a browser (exit status " + status + ")", fallback);
        }
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
