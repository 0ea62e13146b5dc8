package dev.stscreds.cli;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens a URL in the user's browser, without AWT, the way the desktop expects:
 * <ol>
 *   <li>{@code BROWSER}, a {@code :}-separated list of commands (the first one found runs; {@code %s}
 *       stands for the URL, else the URL is the last argument), as Python's {@code webbrowser} and
 *       xdg-utils read it;</li>
 *   <li>macOS: {@code open};</li>
 *   <li>WSL: {@code wslview}, else {@code cmd.exe /c start}, which open the Windows browser;</li>
 *   <li>Linux and other Unix desktops: {@code xdg-open} when DISPLAY or WAYLAND_DISPLAY is set.</li>
 * </ol>
 * An SSH session without a display has no browser here. The opener is started and left to run on
 * its own: the sign-in flow never waits for it. The URL is an argument of that command only, never
 * in an error; a URL that is a secret (a console sign-in URL) goes through {@link #openOnce}: the
 * opener, and the browser it starts, get a one-time loopback URL instead, since command lines are
 * visible to every user in {@code ps}.
 */
public final class Browser {
    private Browser() {}

    /** The command line that would open {@code url}, or empty when no browser can be opened here. */
    static Optional<List<String>> command(Settings settings, String url) {
        Optional<String> browserVariable = settings.environmentVariable("BROWSER");
        if (browserVariable.isPresent()) {
            for (String entry : browserVariable.get().split(":")) {
                List<String> words = new ArrayList<>(List.of(entry.trim().split("\\s+")));
                if (words.isEmpty() || words.get(0).isEmpty()) continue;
                Optional<Path> exe = executable(settings, words.get(0));
                if (exe.isEmpty()) continue;
                words.set(0, exe.get().toString());
                boolean substituted = false;
                for (int i = 1; i < words.size(); i++) {
                    if (words.get(i).contains("%s")) {
                        words.set(i, words.get(i).replace("%s", url));
                        substituted = true;
                    }
                }
                if (!substituted) words.add(url);
                return Optional.of(words);
            }
            return Optional.empty();
        }
        String os = settings.systemProperty("os.name").orElse("").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) return onPath(settings, "open").map(open -> List.of(open.toString(), url));
        if (isWsl(settings)) {
            Optional<Path> wslview = onPath(settings, "wslview");
            if (wslview.isPresent()) return Optional.of(List.of(wslview.get().toString(), url));
            // start's first quoted argument is a window title; the URL is quoted for cmd's & and ^.
            Optional<Path> cmd = onPath(settings, "cmd.exe");
            if (cmd.isPresent()) return Optional.of(List.of(cmd.get().toString(), "/c", "start", "\"\"", "\"" + url + "\""));
        }
        boolean desktop = settings.environmentVariable("DISPLAY").isPresent()
                || settings.environmentVariable("WAYLAND_DISPLAY").isPresent();
        if (!desktop) return Optional.empty();
        return onPath(settings, "xdg-open").map(open -> List.of(open.toString(), url));
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

    /** True when a browser can be opened here: BROWSER names one, macOS, WSL, or a Linux desktop. */
    public static boolean canOpen(Settings settings) {
        return command(settings, "https://example.com/").isPresent();
    }

    /** Tries to open {@code url}; false when there is no browser here or the opener could not start. */
    public static boolean tryOpen(Settings settings, String url) {
        try {
            open(settings, url, "");
            return true;
        } catch (CredentialsException e) {
            return false;
        }
    }

    /**
     * Starts the browser on {@code url} and returns at once.
     *
     * @param fallback what the user can do instead, e.g. "use --stdout to print the sign-in URL"
     * @throws CredentialsException when there is no browser here or its opener cannot be started
     */
    public static void open(Settings settings, String url, String fallback) {
        List<String> command = command(settings, url).orElseThrow(() -> new CredentialsException(
                "no browser to open here: BROWSER is not set, and this is not macOS, WSL or a desktop with DISPLAY or"
                        + " WAYLAND_DISPLAY (and xdg-open)", fallback));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // Never waited for: some openers stay in the foreground as long as the browser runs.
            process.onExit();
        } catch (IOException e) {
            throw new CredentialsException("cannot run " + command.get(0) + " to open a browser (" + e.getClass().getSimpleName()
                    + ")", fallback);
        }
    }

    /** WSL sets WSL_DISTRO_NAME; its kernel names Microsoft in /proc/version. */
    static boolean isWsl(Settings settings) {
        if (settings.environmentVariable("WSL_DISTRO_NAME").isPresent()) return true;
        try {
            return Files.readString(Path.of("/proc/version"), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("microsoft");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<Path> executable(Settings settings, String name) {
        if (name.contains("/")) {
            Path p = settings.expandHome(name);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return onPath(settings, name);
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
