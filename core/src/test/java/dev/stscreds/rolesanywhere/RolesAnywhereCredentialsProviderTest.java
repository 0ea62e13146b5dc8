package dev.stscreds.rolesanywhere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.testkit.MutableClock;
import dev.stscreds.testkit.pki.TestPki;
import dev.stscreds.testkit.sts.LocalRolesAnywhere;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.sigv4.HttpHeader;
import dev.stscreds.wire.sigv4.SignedRequest;
import dev.stscreds.wire.sigv4.X509SigningKey;
import dev.stscreds.wire.sts.StsClient;
import dev.stscreds.x509.SigningIdentity;
import dev.stscreds.x509.X509Exception;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CreateSession against the testkit's IAM Roles Anywhere, which verifies the X.509 signature, the path
 * to the trust anchor and the role's trust on its own code, and hands out sessions of a local STS that
 * then answer GetCallerIdentity as the role.
 */
class RolesAnywhereCredentialsProviderTest {
    private static final String TRUSTS_ROLES_ANYWHERE = """
            {"Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
              "Principal": {"Service": "rolesanywhere.amazonaws.com"}}]}""";

    private final MutableClock clock = MutableClock.at("2026-12-07T12:00:00Z");
    private final Instant now = clock.instant();
    private LocalSts sts;
    private LocalRolesAnywhere ra;
    private TestPki.Issued root;
    private TestPki.Issued issuing;
    private String anchorArn;
    private String profileArn;
    private String roleArn;

    @BeforeEach
    void start() {
        sts = new LocalSts().clock(clock).start();
        ra = new LocalRolesAnywhere(sts, "eu-west-1").start();
        root = TestPki.rootCa("Corp Root CA", TestPki.ec(384), now.minus(365, ChronoUnit.DAYS), now.plus(3650, ChronoUnit.DAYS));
        issuing = TestPki.issue(root, "Corp Issuing CA", TestPki.ec(256), true, now.minus(30, ChronoUnit.DAYS),
                now.plus(365, ChronoUnit.DAYS));
        anchorArn = ra.createTrustAnchor(root.certificate());
        roleArn = sts.createRole("OnPrem", TRUSTS_ROLES_ANYWHERE, Duration.ofHours(12));
        profileArn = ra.createProfile(Set.of(roleArn), 7200);
    }

    @AfterEach
    void stop() {
        ra.close();
        sts.close();
    }

    @Test
    void rsaAndEcCertificatesWithAnIntermediateGetSessionsOfTheRole() {
        for (KeyPair keys : List.of(TestPki.rsa(2048), TestPki.ec(256), TestPki.ec(384))) {
            SigningIdentity id = leaf(keys, now.plus(30, ChronoUnit.DAYS), List.of(issuing));
            Credentials c = provider(id, request(3600, "agent-1")).resolve();

            assertThat(c.expiration()).contains(now.plus(1, ChronoUnit.HOURS));
            assertThat(c.accountId()).contains(LocalSts.DEFAULT_ACCOUNT);
            assertThat(c.source()).contains("IAM Roles Anywhere role " + roleArn).contains("serial " + id.serialNumber());
            assertThat(StsClient.create(sts.endpoint(), "eu-west-1", clock).getCallerIdentity(c).arn())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/OnPrem/agent-1");
        }
        assertThat(ra.sessionsIssued()).isEqualTo(3);
    }

    @Test
    void withoutTheIntermediateTheServiceRefusesTheCertificate() {
        SigningIdentity id = leaf(TestPki.ec(256), now.plus(30, ChronoUnit.DAYS), List.of());
        assertThatThrownBy(() -> provider(id, request(3600, null)).resolve())
                .isInstanceOf(RolesAnywhereException.class).hasMessageContaining("AccessDeniedException")
                .satisfies(e -> assertThat(((RolesAnywhereException) e).hint()).get().asString()
                        .contains("chains to the trust anchor"));
        assertThat(ra.lastRefusal()).contains("Untrusted certificate");
    }

    @Test
    void aChangedByteInASignedRequestIsRefusedByTheService() {
        SigningIdentity id = leaf(TestPki.rsa(2048), now.plus(30, ChronoUnit.DAYS), List.of(issuing));
        var client = new RolesAnywhereClient(ra.endpoint(), "eu-west-1");
        SignedRequest signed = client.signedCreateSession(request(3600, "agent-1"), id, now);
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpHeader h : signed.headers()) if (!h.is("host")) headers.put(h.name(), h.value());
        HttpFetch http = new HttpFetch(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), 1 << 20);

        String tamperedBody = "{\"durationSeconds\":3601,\"roleSessionName\":\"agent-1\"}";
        HttpFetch.Response r = http.send("POST", signed.uri(), headers, tamperedBody);

        assertThat(r.status()).isEqualTo(403);
        assertThat(ra.lastRefusal()).contains("signature does not match");
        assertThat(ra.sessionsIssued()).isZero();
    }

    @Test
    void aRoleThatDoesNotTrustTheServiceOrIsNotInTheProfileIsRefused() {
        String other = sts.createRole("NotTrusting", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "123456789012"}}]}""");
        String profile = ra.createProfile(Set.of(other), 3600);
        SigningIdentity id = leaf(TestPki.ec(256), now.plus(30, ChronoUnit.DAYS), List.of(issuing));
        var request = new CreateSessionRequest(anchorArn, profile, other, 3600, null);
        assertThatThrownBy(() -> provider(id, request).resolve()).hasMessageContaining("AccessDeniedException");
        assertThat(ra.lastRefusal()).contains("Unable to assume role");

        var notListed = new CreateSessionRequest(anchorArn, profile, roleArn, 3600, null);
        assertThatThrownBy(() -> provider(id, notListed).resolve()).hasMessageContaining("AccessDeniedException");
        assertThat(ra.lastRefusal()).contains("not associated with the profile");
    }

    @Test
    void aDurationOverTheProfilesLimitIsAValidationError() {
        SigningIdentity id = leaf(TestPki.ec(256), now.plus(30, ChronoUnit.DAYS), List.of(issuing));
        assertThatThrownBy(() -> provider(id, request(7201, null)).resolve()).isInstanceOf(RolesAnywhereException.class)
                .hasMessageContaining("ValidationException").hasMessageContaining("durationSeconds");
    }

    @Test
    void aCertificateThatExpiresOnTheClockFailsBeforeAnyCall() {
        SigningIdentity id = leaf(TestPki.ec(256), now.plus(2, ChronoUnit.HOURS), List.of(issuing));
        var provider = provider(id, request(3600, null));
        provider.resolve();
        int requests = ra.requests();

        clock.advance(Duration.ofHours(3));

        assertThatThrownBy(provider::resolve).isInstanceOf(X509Exception.class).hasMessageContaining("expired at");
        assertThat(ra.requests()).isEqualTo(requests);
    }

    @Test
    void aTrustAnchorCertificateKnownHereChecksTheChainBeforeAnyCall() {
        SigningIdentity id = leaf(TestPki.ec(256), now.plus(30, ChronoUnit.DAYS), List.of());
        var provider = new RolesAnywhereCredentialsProvider(() -> id, root.certificate(), request(3600, null),
                new RolesAnywhereClient(ra.endpoint(), "eu-west-1"), clock, "test");
        assertThatThrownBy(provider::resolve).isInstanceOf(X509Exception.class).hasMessageContaining("does not lead to the trust anchor");
        assertThat(ra.requests()).isZero();
    }

    @Test
    void mismatchedRegionsAndBadArnsAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> new CreateSessionRequest(anchorArn, profileArn.replace("eu-west-1", "us-east-1"), roleArn, 3600, null))
                .hasMessageContaining("the trust anchor is in eu-west-1 but the Roles Anywhere profile is in us-east-1");
        assertThatThrownBy(() -> new CreateSessionRequest("arn:aws:iam::123456789012:role/X", profileArn, roleArn, 3600, null))
                .hasMessageContaining("is not a Roles Anywhere trust-anchor ARN");
        assertThatThrownBy(() -> new CreateSessionRequest(anchorArn, profileArn, roleArn, 899, null))
                .hasMessageContaining("900 to 43,200 seconds");
    }

    private RolesAnywhereCredentialsProvider provider(X509SigningKey key, CreateSessionRequest request) {
        return new RolesAnywhereCredentialsProvider(() -> (SigningIdentity) key, null, request,
                new RolesAnywhereClient(ra.endpoint(), "eu-west-1"), clock, "test");
    }

    private CreateSessionRequest request(int seconds, String name) {
        return new CreateSessionRequest(anchorArn, profileArn, roleArn, seconds, name);
    }

    private SigningIdentity leaf(KeyPair keys, Instant notAfter, List<TestPki.Issued> chain) {
        TestPki.Issued leaf = TestPki.issue(issuing, "build-host", keys, false, now.minus(1, ChronoUnit.DAYS), notAfter);
        return new SigningIdentity(leaf.certificate(), chain.stream().map(TestPki.Issued::certificate).toList(), keys.getPrivate(),
                null, "test key");
    }
}
