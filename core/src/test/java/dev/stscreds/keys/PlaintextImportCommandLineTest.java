package dev.stscreds.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.Credentials;
import dev.stscreds.config.Settings;
import dev.stscreds.testing.Python3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code credential_process} line that import writes runs from an install path with a space
 * and a quote in it, both through {@code sh -c} (the Java, Go and JavaScript SDKs) and through
 * botocore, which splits the line itself.
 */
class PlaintextImportCommandLineTest {
    private static final String ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path home;

    private String importedLine(Path stscreds) throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[dev]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET + "\n");
        Files.writeString(home.resolve(".aws/config"), "[profile dev]\nregion = eu-west-1\n");
        Files.createDirectories(stscreds.getParent());
        // Stands in for the installed launcher: answers only the exact arguments import wrote.
        Files.writeString(stscreds, "#!/bin/sh\n[ \"$1 $2 $3 $#\" = 'credential-process --profile dev 3' ] || exit 9\n"
                + "printf '{\"Version\": 1, \"AccessKeyId\": \"" + ID + "\", \"SecretAccessKey\": \"" + SECRET + "\"}'\n");
        Files.setPosixFilePermissions(stscreds, PosixFilePermissions.fromString("rwx------"));
        KeyRotationTest.MemoryVault vault = new KeyRotationTest.MemoryVault();
        PlaintextImport.Result r = PlaintextImport.importProfile(Settings.of(Map.of(), Map.of(), home),
                Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC), vault, "dev", stscreds.toString());
        assertThat(vault.get("dev").map(Credentials::accessKeyId)).contains(ID);
        String config = Files.readString(home.resolve(".aws/config"));
        assertThat(config).contains("credential_process = " + r.credentialProcess() + "\n");
        return r.credentialProcess();
    }

    @Test
    void aPlainInstallPathIsWrittenAsItIs() throws Exception {
        Path stscreds = home.resolve("opt/stscreds/bin/stscreds");
        assertThat(importedLine(stscreds)).isEqualTo(stscreds + " credential-process --profile dev");
    }

    @Test
    void anInstallPathWithASpaceAndAQuoteRunsThroughShAndBotocore() throws Exception {
        Path stscreds = home.resolve("it's my tools/bin/stscreds");
        String line = importedLine(stscreds);
        assertThat(line).startsWith("'");

        Process sh = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true).start();
        assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String printed = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.exitValue()).as(printed).isZero();
        assertThat(printed).contains(ID);

        List<String> botocore = Python3.run(String.join("\n",
                "import os, sys",
                "home = sys.stdin.readline().strip()",
                "os.environ['AWS_CONFIG_FILE'] = home + '/.aws/config'",
                "os.environ['AWS_SHARED_CREDENTIALS_FILE'] = home + '/.aws/credentials'",
                "for k in ('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'):",
                "    os.environ.pop(k, None)",
                "import botocore.session",
                "c = botocore.session.Session(profile='dev').get_credentials()",
                "print(c.method, c.get_frozen_credentials().access_key)"), List.of(home.toString()), "botocore");
        assertThat(botocore).containsExactly("custom-process " + ID);
    }
}
