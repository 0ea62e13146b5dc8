package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.testkit.MutableClock;
import dev.stscreds.testkit.pki.TestPki;
import dev.stscreds.testkit.sts.LocalRolesAnywhere;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.wire.sts.StsClient;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile with the {@code roles_anywhere_*} keys resolves through the testkit's Roles Anywhere, is refreshed by
 * the decorator (one CreateSession per session), serves as the source of a role chain, and is explained with its
 * certificate's subject, serial and expiry without any call.
 */
class RolesAnywhereProfileTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-12-07T12:00:00Z");
    private final Instant now = clock.instant();
    private LocalSts sts;
    private LocalRolesAnywhere ra;
    private ProfileFixture files;
    private TestPki.Issued leaf;

    @BeforeEach
    void world() {
        sts = new LocalSts().clock(clock).start();
        ra = new LocalRolesAnywhere(sts, "eu-west-1").start();
        TestPki.Issued root = TestPki.rootCa("Corp Root CA", TestPki.ec(256), now.minus(30, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
        KeyPair keys = TestPki.ec(256);
        leaf = TestPki.issue(root, "host-7.corp", keys, false, now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS));
        leaf.writeCertificate(dir.resolve("cert.pem"));
        leaf.writePrivateKey(dir.resolve("key.pem"));
        root.writeCertificate(dir.resolve("ca.pem"));
        String anchor = ra.createTrustAnchor(root.certificate());
        String role = sts.createRole("OnPrem", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "rolesanywhere.amazonaws.com"}}]}""",
                Duration.ofHours(12));
        sts.createRole("Deploy", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "%s"}}]}""".formatted(role));
        String profile = ra.createProfile(Set.of(role), 3600);
        files = new ProfileFixture(dir)
                .env("AWS_ENDPOINT_URL_ROLESANYWHERE", ra.endpoint().toString())
                .env("AWS_ENDPOINT_URL_STS", sts.endpoint().toString())
                .config("""
                        [profile onprem]
                        role_arn = %s
                        roles_anywhere_trust_anchor_arn = %s
                        roles_anywhere_profile_arn = %s
                        roles_anywhere_certificate = %s
                        roles_anywhere_private_key = %s
                        roles_anywhere_trust_anchor_certificate = %s
                        role_session_name = host-7
                        duration_seconds = 3600

                        [profile deploy]
                        role_arn = arn:aws:iam::123456789012:role/Deploy
                        source_profile = onprem
                        region = eu-west-1
                        """.formatted(role, anchor, profile, dir.resolve("cert.pem"), dir.resolve("key.pem"), dir.resolve("ca.pem")));
    }

    @AfterEach
    void stop() {
        ra.close();
        sts.close();
    }

    @Test
    void theProfileResolvesAndIsRefreshedOncePerSession() {
        var provider = new ProfileCredentialsProvider(files.settings(), "onprem", clock);
        Credentials first = provider.resolve();

        assertThat(StsClient.create(sts.endpoint(), "eu-west-1", clock).getCallerIdentity(first).arn())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/OnPrem/host-7");
        assertThat(first.source()).contains("profile onprem").contains("IAM Roles Anywhere role");
        for (int i = 0; i < 20; i++) assertThat(provider.resolve().accessKeyId()).isEqualTo(first.accessKeyId());
        assertThat(ra.sessionsIssued()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(59).plusSeconds(30)); // inside the mandatory window: the caller waits for the new session
        assertThat(provider.resolve().accessKeyId()).isNotEqualTo(first.accessKeyId());
        assertThat(ra.sessionsIssued()).isEqualTo(2);
    }

    @Test
    void aRoleChainsFromTheRolesAnywhereSession() {
        Credentials c = new ProfileCredentialsProvider(files.settings(), "deploy", clock).resolve();
        assertThat(StsClient.create(sts.endpoint(), "eu-west-1", clock).getCallerIdentity(c).arn())
                .startsWith("arn:aws:sts::123456789012:assumed-role/Deploy/");
        assertThat(ra.sessionsIssued()).isEqualTo(1);
    }

    @Test
    void explainShowsTheCertificateAndTheChainWithoutACall() {
        Explanation e = new Explainer(files.settings(), clock).explainProfile("deploy", false);

        List<String> summaries = e.profileChain().stream().map(Explanation.ChainStep::summary).toList();
        assertThat(summaries.get(1)).contains("IAM Roles Anywhere role arn:aws:iam::123456789012:role/OnPrem")
                .contains("CN=host-7.corp").contains("serial " + leaf.serial())
                .contains("valid until " + now.plus(30, ChronoUnit.DAYS));
        assertThat(e.profileChain().get(1).keysUsed()).extracting(Explanation.ExplainedKey::key)
                .contains("roles_anywhere_trust_anchor_arn", "roles_anywhere_certificate", "role_arn");
        assertThat(ra.requests()).isZero();
    }

    @Test
    void aMissingKeyNamesTheProfileAndLine() {
        files.config("""
                [profile half]
                roles_anywhere_trust_anchor_arn = arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/ab
                role_arn = arn:aws:iam::123456789012:role/OnPrem
                """);
        assertThatThrownBy(() -> new ProfileCredentialsProvider(files.settings(), "half", clock).resolve())
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("profile half uses IAM Roles Anywhere but has no roles_anywhere_profile_arn")
                .hasMessageContaining("config:2");
    }
}
