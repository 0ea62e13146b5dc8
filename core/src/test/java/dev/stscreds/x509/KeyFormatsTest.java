package dev.stscreds.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.testkit.pki.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key and certificate form users keep, each written by openssl (not by us) and read back to
 * the same key: PKCS#8, PKCS#1, SEC1, encrypted PKCS#8, DER, PKCS#12. Skipped without openssl.
 */
class KeyFormatsTest {
    @TempDir
    Path dir;

    private final Instant now = Instant.now();
    private TestPki.Issued ca;

    @BeforeEach
    void setUp() {
        assumeOpenssl();
        ca = TestPki.rootCa("Formats CA", TestPki.ec(256), now.minus(1, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS));
    }

    @Test
    void rsaKeysInPkcs8Pkcs1AndDerAreTheSameKey() throws Exception {
        KeyPair keys = TestPki.rsa(2048);
        Path pkcs8 = Files.writeString(dir.resolve("key.pem"), TestPki.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Path pkcs1 = dir.resolve("key-rsa.pem");
        openssl("rsa", "-in", pkcs8.toString(), "-traditional", "-out", pkcs1.toString());
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        Path der = dir.resolve("key.der");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", pkcs8.toString(), "-outform", "DER", "-out", der.toString());

        for (Path file : List.of(pkcs8, pkcs1, der)) {
            PrivateKey read = PrivateKeys.read(file, null);
            assertThat(((RSAPrivateCrtKey) read).getModulus()).as(file.toString())
                    .isEqualTo(((RSAPrivateCrtKey) keys.getPrivate()).getModulus());
        }
    }

    @Test
    void ecKeysInSec1AndPkcs8AreTheSameKeyOnBothCurves() throws Exception {
        for (String curve : List.of("prime256v1", "secp384r1")) {
            Path sec1 = dir.resolve(curve + "-sec1.pem");
            openssl("ecparam", "-name", curve, "-genkey", "-noout", "-out", sec1.toString());
            assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");
            Path pkcs8 = dir.resolve(curve + "-pkcs8.pem");
            openssl("pkcs8", "-topk8", "-nocrypt", "-in", sec1.toString(), "-out", pkcs8.toString());
            ECPrivateKey a = (ECPrivateKey) PrivateKeys.read(sec1, null);
            ECPrivateKey b = (ECPrivateKey) PrivateKeys.read(pkcs8, null);
            assertThat(a.getS()).isEqualTo(b.getS());
        }
    }

    @Test
    void encryptedPkcs8NeedsItsPassword() throws Exception {
        KeyPair keys = TestPki.ec(256);
        Path plain = Files.writeString(dir.resolve("key.pem"), TestPki.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Path encrypted = dir.resolve("key-enc.pem");
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain.toString(), "-out", encrypted.toString(),
                "-passout", "pass:correct horse");

        assertThat(((ECPrivateKey) PrivateKeys.read(encrypted, "correct horse".toCharArray())).getS())
                .isEqualTo(((ECPrivateKey) keys.getPrivate()).getS());
        assertThatThrownBy(() -> PrivateKeys.read(encrypted, null)).isInstanceOf(X509Exception.class)
                .hasMessageEndingWith(" is encrypted");
        assertThatThrownBy(() -> PrivateKeys.read(encrypted, "nope-pass".toCharArray())).isInstanceOf(X509Exception.class)
                .hasMessageContaining("could not be decrypted").hasMessageNotContaining("nope-pass");
    }

    @Test
    void pkcs12BundleGivesKeyCertificateAndIntermediatesButNotTheRoot() throws Exception {
        TestPki.Issued sub = TestPki.issue(ca, "Formats Issuing CA", TestPki.ec(256), true, now.minus(1, ChronoUnit.DAYS),
                now.plus(10, ChronoUnit.DAYS));
        KeyPair keys = TestPki.rsa(2048);
        TestPki.Issued leaf = TestPki.issue(sub, "bundle-host", keys, false, now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS));
        Path cert = leaf.writeCertificate(dir.resolve("cert.pem"));
        Path key = leaf.writePrivateKey(dir.resolve("key.pem"));
        Path chain = TestPki.write(dir.resolve("chain.pem"), TestPki.bundlePem(List.of(sub, ca)));
        Path p12 = dir.resolve("bundle.p12");
        openssl("pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(), "-certfile", chain.toString(),
                "-out", p12.toString(), "-passout", "pass:p12pass");

        SigningIdentity identity = Pkcs12Bundle.read(p12, "p12pass".toCharArray());

        assertThat(identity.certificate()).isEqualTo(leaf.certificate());
        assertThat(identity.intermediates()).containsExactly(sub.certificate());
        identity.check(now, ca.certificate());
        assertThatThrownBy(() -> Pkcs12Bundle.read(p12, "nope".toCharArray())).isInstanceOf(X509Exception.class)
                .hasMessageContaining("password is wrong");
    }

    @Test
    void notAKeyAndNotAFileGiveOneLineErrorsNamingTheFile() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> PrivateKeys.read(text, null)).isInstanceOf(X509Exception.class)
                .hasMessageContaining(text.toString());
        assertThatThrownBy(() -> PrivateKeys.read(dir, null)).isInstanceOf(X509Exception.class)
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> Certificates.read(dir.resolve("missing.pem"), "certificate")).isInstanceOf(X509Exception.class)
                .hasMessageContaining("does not exist");
        Path big = dir.resolve("big.pem");
        Files.write(big, new byte[KeyMaterialFiles.MAX_BYTES + 1]);
        assertThatThrownBy(() -> Certificates.read(big, "certificate")).hasMessageContaining("larger than 1 MiB");
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError(String.join(" ", command) + ": " + out);
    }

    private static void assumeOpenssl() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            Assumptions.assumeTrue(p.waitFor() == 0, "skipped: openssl does not run");
        } catch (IOException | InterruptedException e) {
            Assumptions.abort("skipped: openssl is not on PATH (" + e.getMessage() + ")");
        }
    }
}
