package dev.stscreds.vault.pass;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.vault.ExternalCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A throwaway gpg home with a fresh passphrase-less key, for tests against the real pass and gpg.
 * Skips (with the reason printed) where pass or gpg are not installed.
 */
final class PassFixture implements AutoCloseable {
    static final String USER_ID = "stscreds test <test@stscreds.invalid>";
    static final String KEY_EMAIL = "test@stscreds.invalid";

    final Path gnupgHome;

    private PassFixture(Path gnupgHome) {
        this.gnupgHome = gnupgHome;
    }

    static PassFixture withKey(Path folder) throws Exception {
        assumeInstalled("pass");
        assumeInstalled("gpg");
        PassFixture fixture = emptyGpgHome(folder);
        ExternalCommand.Result gen = fixture.command().run(List.of("gpg", "--batch", "--passphrase", "",
                "--quick-gen-key", USER_ID, "future-default", "default", "never"), null);
        if (!gen.ok()) throw new IllegalStateException("gpg --quick-gen-key failed: " + gen.stderr());
        return fixture;
    }

    static PassFixture emptyGpgHome(Path folder) throws Exception {
        Path home = Files.createDirectories(folder);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        return new PassFixture(home);
    }

    Map<String, String> environment(Path storeDir) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GNUPGHOME", gnupgHome.toString());
        env.put("PASSWORD_STORE_DIR", storeDir.toString());
        env.remove("DISPLAY");
        env.remove("GPG_TTY");
        return env;
    }

    ExternalCommand command() {
        return command(gnupgHome.resolve("unused-store"));
    }

    ExternalCommand command(Path storeDir) {
        return new ExternalCommand(environment(storeDir), Duration.ofSeconds(120));
    }

    /** A new store under {@code storeDir}, encrypted for this fixture's key. */
    PassKeyStore initialisedStore(Path storeDir) throws Exception {
        ExternalCommand.Result init = command(storeDir).run(List.of("pass", "init", KEY_EMAIL), null);
        if (!init.ok()) throw new IllegalStateException("pass init failed: " + init.stderr());
        return store(storeDir);
    }

    PassKeyStore store(Path storeDir) {
        return new PassKeyStore(storeDir, command(storeDir), "pass");
    }

    static void assumeInstalled(String program) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) found = true;
        }
        if (!found) System.out.println("SKIPPED: " + program + " is not installed (apt-get install -y pass gnupg)");
        assumeTrue(found, program + " is not installed (apt-get install -y pass gnupg)");
    }

    @Override
    public void close() throws Exception {
        command().run(List.of("gpgconf", "--kill", "gpg-agent"), null);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
