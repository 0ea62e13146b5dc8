package dev.stscreds.vault.secretservice;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private session bus (dbus-daemon) and, when asked, an unlocked gnome-keyring-daemon on it, in a
 * temporary folder. Tests are skipped, with the install line, when the programs are missing.
 */
final class KeyringDaemon implements AutoCloseable {
    static final String INSTALL = "apt-get install -y gnome-keyring dbus-x11 libsecret-tools";
    private static final Duration STARTUP = Duration.ofSeconds(15);

    private final Path folder;
    private final Path socket;
    private final List<Process> processes = new ArrayList<>();

    private KeyringDaemon(Path folder) {
        this.folder = folder;
        this.socket = folder.resolve("bus");
    }

    /** A bus with no Secret Service on it. */
    static KeyringDaemon busOnly(Path folder) throws Exception {
        assumeInstalled("dbus-daemon");
        KeyringDaemon daemon = new KeyringDaemon(folder);
        daemon.startBus();
        return daemon;
    }

    /** A bus with an unlocked gnome-keyring answering as org.freedesktop.secrets. */
    static KeyringDaemon withKeyring(Path folder) throws Exception {
        assumeInstalled("dbus-daemon");
        assumeInstalled("gnome-keyring-daemon");
        KeyringDaemon daemon = new KeyringDaemon(folder);
        try {
            daemon.startBus();
            daemon.startKeyring();
        } catch (Exception | Error e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    Path socket() {
        return socket;
    }

    /** The bus address as DBUS_SESSION_BUS_ADDRESS gives it. */
    String address() {
        return "unix:path=" + socket;
    }

    /** Environment for a child process (or Settings) that should use this bus and keyring. */
    Map<String, String> environment() {
        return Map.of("DBUS_SESSION_BUS_ADDRESS", address(), "HOME", folder.toString(),
                "XDG_DATA_HOME", folder.resolve("data").toString(), "XDG_RUNTIME_DIR", folder.resolve("run").toString());
    }

    /** Runs a program (e.g. secret-tool) against this keyring; returns its standard output. */
    String run(String input, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment());
        Process p = builder.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        return out;
    }

    private void startBus() throws Exception {
        // an own configuration: no service folders, so nothing is started by activation (which
        // would run a keyring daemon in the real home folder)
        Path config = folder.resolve("bus.conf");
        Files.writeString(config, "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                + " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                + "<busconfig>\n"
                + "  <type>session</type>\n"
                + "  <listen>" + address() + "</listen>\n"
                + "  <auth>EXTERNAL</auth>\n"
                + "  <policy context=\"default\">\n"
                + "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                + "    <allow eavesdrop=\"true\"/>\n"
                + "    <allow own=\"*\"/>\n"
                + "  </policy>\n"
                + "</busconfig>\n");
        ProcessBuilder builder = new ProcessBuilder("dbus-daemon", "--config-file=" + config, "--nofork",
                "--nopidfile", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment());
        Process bus = builder.start();
        processes.add(bus);
        // the address is printed once the bus listens
        String printed = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (printed == null || !printed.startsWith(address())) {
            throw new IOException("dbus-daemon did not start (printed " + printed + ")");
        }
    }

    private void startKeyring() throws Exception {
        Files.createDirectories(folder.resolve("run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        try (BusConnection bus = BusConnection.open(socket, STARTUP)) {
            bus.addMatch("type='signal',interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='"
                    + SecretService.NAME + "'", STARTUP);
            ProcessBuilder builder = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock",
                    "--components=secrets")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(environment());
            Process keyring = builder.start();
            processes.add(keyring);
            try (OutputStream in = keyring.getOutputStream()) {
                in.write("keyring test password".getBytes(StandardCharsets.UTF_8));
            }
            bus.awaitSignal(m -> "NameOwnerChanged".equals(m.member()), STARTUP, "waiting for gnome-keyring-daemon");
        }
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    private static void assumeInstalled(String program) {
        assumeTrue(onPath(program).isPresent(), program + " is not installed (Debian: " + INSTALL + ")");
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
