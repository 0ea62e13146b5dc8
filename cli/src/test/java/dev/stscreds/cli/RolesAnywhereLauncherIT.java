package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.testkit.pki.TestPki;
import dev.stscreds.testkit.sts.LocalRolesAnywhere;
import dev.stscreds.testkit.sts.LocalSts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/stscreds roles-anywhere credential-process} as users run it: from the AWS CLI's
 * {@code credential_process} against the testkit's IAM Roles Anywhere and STS, with a key on a SoftHSM
 * token, and with certificates that must be refused before any call. Peers that are missing (the pyenv
 * AWS CLI, softhsm2) skip their test with the reason.
 */
class RolesAnywhereLauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "stscreds").toAbsolutePath().normalize();
    private static final Path AWS = Path.of(System.getProperty("user.home"), ".pyenv", "shims", "aws");
    private static final String SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so";

    @TempDir
    Path home;

    // The AWS CLI signs with the real time: the local endpoints run on it too. Nothing waits for it.
    private final Clock clock = Clock.systemUTC();
    private final Instant now = clock.instant();
    private LocalSts sts;
    private LocalRolesAnywhere ra;
    private TestPki.Issued issuing;
    private String anchorArn;
    private String profileArn;
    private String roleArn;

    @BeforeEach
    void world() {
        sts = new LocalSts().clock(clock).start();
        ra = new LocalRolesAnywhere(sts, "eu-west-1").start();
        TestPki.Issued root = TestPki.rootCa("Corp Root CA", TestPki.ec(384), now.minus(365, ChronoUnit.DAYS), now.plus(3650, ChronoUnit.DAYS));
        issuing = TestPki.issue(root, "Corp Issuing CA", TestPki.ec(256), true, now.minus(30, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
        anchorArn = ra.createTrustAnchor(root.certificate());
        roleArn = sts.createRole("OnPrem", """
                {"Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
                  "Principal": {"Service": "rolesanywhere.amazonaws.com"}}]}""", Duration.ofHours(12));
        profileArn = ra.createProfile(Set.of(roleArn), 3600);
        TestPki.write(home.resolve("chain.pem"), TestPki.bundlePem(List.of(issuing)));
    }

    @AfterEach
    void stop() {
        ra.close();
        sts.close();
    }

    record Result(int code, String out, String err) {}

    @Test
    void theAwsCliGetsTheRolesCredentialsThroughCredentialProcess() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "the AWS CLI is not installed in pyenv here: skipped");
        KeyPair keys = TestPki.rsa(2048);
        writeLeaf(keys, now.plus(30, ChronoUnit.DAYS));
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "[profile onprem]\nregion = eu-west-1\ncredential_process = " + String.join(" ", command()) + "\n");

        Result who = run(Map.of(), AWS.toString(), "sts", "get-caller-identity", "--profile", "onprem", "--output", "text",
                "--query", "Arn");

        assertThat(who.code()).as(who.err()).isZero();
        assertThat(who.out().trim()).isEqualTo("arn:aws:sts::123456789012:assumed-role/OnPrem/build-7");
        assertThat(ra.sessionsIssued()).isEqualTo(1);
    }

    @Test
    void aKeyOnASoftHsmTokenSignsWithoutLeavingIt() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of(SOFTHSM)), "softhsm2 is not installed (" + SOFTHSM + "): skipped");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pkcs11-tool")), "pkcs11-tool (opensc) is not installed: skipped");
        Path tokens = Files.createDirectories(home.resolve("tokens"));
        Path conf = Files.writeString(home.resolve("softhsm2.conf"), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n");
        Map<String, String> env = Map.of("SOFTHSM2_CONF", conf.toString(), "STSCREDS_PKCS11_PIN", "4321");
        assertThat(run(env, "softhsm2-util", "--init-token", "--free", "--label", "ra-token", "--so-pin", "87654321", "--pin", "4321").code())
                .isZero();
        KeyPair keys = TestPki.ec(256);
        writeLeaf(keys, now.plus(30, ChronoUnit.DAYS));
        Result imported = run(env, "softhsm2-util", "--import", home.resolve("key.pem").toString(), "--token", "ra-token",
                "--label", "ra-key", "--id", "01", "--pin", "4321");
        assertThat(imported.code()).as(imported.err() + imported.out()).isZero();
        // the certificate beside the key, with the same id, as smart cards keep them
        Path der = Files.write(home.resolve("cert.der"), java.util.Base64.getMimeDecoder().decode(
                Files.readString(home.resolve("cert.pem")).replaceAll("-----[A-Z ]+-----", "")));
        Result written = run(env, "pkcs11-tool", "--module", SOFTHSM, "--token-label", "ra-token", "--login", "--pin", "4321",
                "--write-object", der.toString(), "--type", "cert", "--id", "01", "--label", "ra-key");
        assertThat(written.code()).as(written.err() + written.out()).isZero();
        Files.delete(home.resolve("key.pem")); // from here on the key exists only on the token

        List<String> command = new ArrayList<>(command());
        int key = command.indexOf("--private-key");
        command.set(key + 1, "pkcs11:token=ra-token;object=ra-key");
        command.add("--pkcs11-lib");
        command.add(SOFTHSM);
        Result r = run(env, command.toArray(String[]::new));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"Version\":1").contains("\"AccessKeyId\":\"ASIA");
        assertThat(ra.sessionsIssued()).isEqualTo(1);

        Map<String, String> wrongPin = new HashMap<>(env);
        wrongPin.put("STSCREDS_PKCS11_PIN", "0000");
        Result refused = run(wrongPin, command.toArray(String[]::new));
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("no PKCS#11 token with pkcs11:token=ra-token;object=ra-key; could be opened")
                .contains("hint: check the PIN").doesNotContain("0000").doesNotContain("\tat ");
    }

    @Test
    void aKeyImportedIntoTheVaultSignsAfterTheFileIsGone() throws Exception {
        Map<String, String> vault = Map.of("STSCREDS_VAULT", "file", "STSCREDS_VAULT_PASSPHRASE", "vault pass phrase 1");
        writeLeaf(TestPki.rsa(2048), now.plus(30, ChronoUnit.DAYS));
        Result imported = run(vault, LAUNCHER.toString(), "roles-anywhere", "import-key", "build-7", "--private-key",
                home.resolve("key.pem").toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("as vault:build-7").contains("then delete " + home.resolve("key.pem"));
        byte[] keyFile = Files.readAllBytes(home.resolve("key.pem"));
        Files.delete(home.resolve("key.pem"));

        List<String> command = new ArrayList<>(command());
        command.set(command.indexOf("--private-key") + 1, "vault:build-7");
        Result r = run(vault, command.toArray(String[]::new));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"AccessKeyId\":\"ASIA");
        String pem = new String(keyFile, StandardCharsets.US_ASCII);
        String base64 = pem.replaceAll("-----[A-Z ]+-----|\\s", "");
        assertThat(new String(Files.readAllBytes(home.resolve(".stscreds/vault")), StandardCharsets.ISO_8859_1))
                .doesNotContain(base64.substring(100, 160));

        Result removed = run(vault, LAUNCHER.toString(), "roles-anywhere", "remove-key", "build-7");
        assertThat(removed.code()).as(removed.err()).isZero();
        Result gone = run(vault, command.toArray(String[]::new));
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err()).contains("the stscreds vault has no private key build-7")
                .contains("hint: import it with `stscreds roles-anywhere import-key build-7 --private-key FILE`");
    }

    @Test
    void badCertificatesAreRefusedBeforeAnyCallWithTheirReason() throws Exception {
        KeyPair keys = TestPki.ec(256);
        TestPki.Issued expired = TestPki.issue(issuing, "build-host", keys, false, now.minus(10, ChronoUnit.DAYS),
                now.minus(1, ChronoUnit.DAYS));
        expired.writeCertificate(home.resolve("cert.pem"));
        expired.writePrivateKey(home.resolve("key.pem"));
        Result r = run(Map.of(), command().toArray(String[]::new));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("expired at").contains("hint: renew the certificate with its CA").doesNotContain("\tat ");

        writeLeaf(keys, now.plus(1, ChronoUnit.DAYS));
        TestPki.write(home.resolve("key.pem"), TestPki.pem("PRIVATE KEY", TestPki.ec(256).getPrivate().getEncoded()));
        Result mismatch = run(Map.of(), command().toArray(String[]::new));
        assertThat(mismatch.code()).isEqualTo(1);
        assertThat(mismatch.err()).contains("does not belong to the certificate");

        assertThat(ra.requests()).isZero();
    }

    private void writeLeaf(KeyPair keys, Instant notAfter) {
        TestPki.Issued leaf = TestPki.issue(issuing, "build-host", keys, false, now.minus(1, ChronoUnit.DAYS), notAfter);
        leaf.writeCertificate(home.resolve("cert.pem"));
        leaf.writePrivateKey(home.resolve("key.pem"));
    }

    private List<String> command() {
        return List.of(LAUNCHER.toString(), "roles-anywhere", "credential-process", "--certificate", home.resolve("cert.pem").toString(),
                "--private-key", home.resolve("key.pem").toString(), "--intermediates", home.resolve("chain.pem").toString(),
                "--trust-anchor-arn", anchorArn, "--profile-arn", profileArn, "--role-arn", roleArn, "--role-session-name", "build-7",
                "--endpoint", ra.endpoint().toString());
    }

    private Result run(Map<String, String> extra, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(home.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("STSCREDS_"));
        pb.environment().putAll(Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_ENDPOINT_URL_STS", sts.endpoint().toString(), "AWS_PAGER", "", "NO_PROXY", "127.0.0.1"));
        pb.environment().putAll(extra);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
