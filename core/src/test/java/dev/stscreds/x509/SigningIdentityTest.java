package dev.stscreds.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.testkit.pki.TestPki;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every certificate a CreateSession would be refused for is refused here first, with its reason. */
class SigningIdentityTest {
    private final Instant now = Instant.parse("2026-12-07T12:00:00Z");
    private final TestPki.Issued root = TestPki.rootCa("Root CA", TestPki.ec(384), now.minus(30, ChronoUnit.DAYS),
            now.plus(365, ChronoUnit.DAYS));
    private final TestPki.Issued issuing = TestPki.issue(root, "Issuing CA", TestPki.ec(256), true, now.minus(30, ChronoUnit.DAYS),
            now.plus(300, ChronoUnit.DAYS));

    @Test
    void aGoodChainPasses() {
        KeyPair keys = TestPki.ec(256);
        TestPki.Issued leaf = leaf(issuing, keys, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS));
        SigningIdentity id = new SigningIdentity(leaf.certificate(), List.of(issuing.certificate()), keys.getPrivate(), null, "file k");
        id.check(now, root.certificate());
        id.check(now, null);
        assertThat(id.algorithm()).isEqualTo(SigningIdentity.ECDSA_ALGORITHM);
        assertThat(id.toString()).contains("Leaf").doesNotContain(keys.getPrivate().toString());
    }

    @Test
    void expiredAndNotYetValidCertificatesAreRefusedWithTheirTimes() {
        KeyPair keys = TestPki.rsa(2048);
        TestPki.Issued expired = leaf(root, keys, now.minus(10, ChronoUnit.DAYS), now.minus(1, ChronoUnit.SECONDS));
        TestPki.Issued future = leaf(root, keys, now.plus(1, ChronoUnit.HOURS), now.plus(10, ChronoUnit.DAYS));
        assertThatThrownBy(() -> identity(expired, keys, List.of()).check(now, root.certificate()))
                .isInstanceOf(X509Exception.class).hasMessageContaining("expired at " + now.minus(1, ChronoUnit.SECONDS))
                .satisfies(e -> assertThat(((X509Exception) e).hint()).contains("renew the certificate with its CA"));
        assertThatThrownBy(() -> identity(future, keys, List.of()).check(now, root.certificate()))
                .hasMessageContaining("is not valid before " + now.plus(1, ChronoUnit.HOURS));
    }

    @Test
    void anExpiredIntermediateIsNamed() {
        TestPki.Issued oldCa = TestPki.issue(root, "Old Issuing CA", TestPki.ec(256), true, now.minus(60, ChronoUnit.DAYS),
                now.minus(1, ChronoUnit.DAYS));
        KeyPair keys = TestPki.ec(256);
        TestPki.Issued leaf = leaf(oldCa, keys, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS));
        assertThatThrownBy(() -> identity(leaf, keys, List.of(oldCa)).check(now, root.certificate()))
                .hasMessageContaining("Old Issuing CA").hasMessageContaining("expired");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        KeyPair keys = TestPki.ec(256);
        TestPki.Issued leaf = leaf(root, keys, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS));
        KeyPair other = TestPki.ec(256);
        assertThatThrownBy(() -> new SigningIdentity(leaf.certificate(), List.of(), other.getPrivate(), null, "file other.pem")
                .check(now, null)).hasMessageContaining("the private key (file other.pem) does not belong to the certificate");
        KeyPair rsa = TestPki.rsa(2048);
        assertThatThrownBy(() -> new SigningIdentity(leaf.certificate(), List.of(), rsa.getPrivate(), null, "file rsa.pem")
                .check(now, null)).isInstanceOf(X509Exception.class);
    }

    @Test
    void aChainThatDoesNotLeadToTheAnchorIsRefused() {
        KeyPair keys = TestPki.ec(256);
        TestPki.Issued leaf = leaf(issuing, keys, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS));
        TestPki.Issued otherRoot = TestPki.rootCa("Other Root", TestPki.ec(256), now.minus(1, ChronoUnit.DAYS), now.plus(9, ChronoUnit.DAYS));
        // intermediate missing: the leaf's issuer is not the anchor
        assertThatThrownBy(() -> identity(leaf, keys, List.of()).check(now, root.certificate()))
                .hasMessageContaining("does not lead to the trust anchor").hasMessageContaining("Issuing CA");
        // complete chain, wrong anchor
        assertThatThrownBy(() -> identity(leaf, keys, List.of(issuing)).check(now, otherRoot.certificate()))
                .hasMessageContaining("does not lead to the trust anchor");
        // intermediates out of order / unrelated
        assertThatThrownBy(() -> identity(leaf, keys, List.of(otherRoot)).check(now, null))
                .hasMessageContaining("the certificate chain is broken");
    }

    @Test
    void weakKeysAreRefused() {
        KeyPair small = TestPki.rsa(1024);
        TestPki.Issued leaf = leaf(root, small, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS));
        assertThatThrownBy(() -> identity(leaf, small, List.of()).check(now, null)).hasMessageContaining("1024-bit RSA key");
        KeyPair p521 = TestPki.ec(521);
        TestPki.Issued big = leaf(root, p521, now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS));
        assertThatThrownBy(() -> identity(big, p521, List.of()).check(now, null)).hasMessageContaining("521-bit curve");
    }

    private TestPki.Issued leaf(TestPki.Issued issuer, KeyPair keys, Instant notBefore, Instant notAfter) {
        return TestPki.issue(issuer, "Leaf", keys, false, notBefore, notAfter);
    }

    private static SigningIdentity identity(TestPki.Issued leaf, KeyPair keys, List<TestPki.Issued> chain) {
        return new SigningIdentity(leaf.certificate(), chain.stream().map(TestPki.Issued::certificate).toList(), keys.getPrivate(),
                null, "file key.pem");
    }
}
