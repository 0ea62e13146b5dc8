package dev.stscreds.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import dev.stscreds.testkit.MutableClock;
import dev.stscreds.testkit.saml.LocalSamlIdp;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.wire.query.AwsServiceException;
import dev.stscreds.wire.query.QueryClient;
import dev.stscreds.wire.sts.StsClient;
import dev.stscreds.wire.sts.StsSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SamlAssertionTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private LocalSts sts;
    private LocalSamlIdp idp;
    private String provider;
    private String dev;
    private String ops;

    @BeforeEach
    void start() {
        sts = new LocalSts().clock(clock).start();
        idp = new LocalSamlIdp().clock(clock).start();
        provider = sts.createSamlProvider("corp", idp.certificate());
        String trust = """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithSAML", "Principal": {"Federated": "%s"}}]}"""
                .formatted(provider);
        dev = sts.createRole("Dev", trust, Duration.ofHours(12));
        ops = sts.createRole("Ops", trust, Duration.ofHours(12));
        idp.addUser("alice", "pw", List.of(dev + "," + provider));
        idp.addUser("bob", "pw", List.of(provider + "," + dev, ops + "," + provider));
    }

    @AfterEach
    void stop() {
        idp.close();
        sts.close();
    }

    private StsClient client() {
        return new StsClient(QueryClient.builder("sts", sts.endpoint(), "us-east-1").clock(clock).build(), clock);
    }

    @Test
    void aGoodAssertionIsCheckedThenTradedForTheRoleSessionCappedBySessionDuration() {
        idp.sessionDuration(Duration.ofHours(2));
        String response = idp.samlResponse("alice");
        SamlAssertion a = SamlAssertion.read(response).check(clock);
        SamlRole role = a.role(null);
        assertThat(role).isEqualTo(new SamlRole(dev, provider));
        assertThat(a.duration(Duration.ofHours(8))).isEqualTo(Duration.ofHours(2));
        assertThat(a.duration(null)).isEqualTo(Duration.ofHours(1));
        assertThat(a.toString()).doesNotContain("alice", dev);

        StsSession s = client().assumeRoleWithSaml(role.roleArn(), role.providerArn(), response, a.duration(Duration.ofHours(8)));
        assertThat(s.credentials().expiration()).contains(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(sts.calls("AssumeRoleWithSAML")).isEqualTo(1);
    }

    @Test
    void rolesAreReadInEitherOrderAndSeveralNeedAChoiceThatListsThemAll() {
        SamlAssertion a = SamlAssertion.read(idp.samlResponse("bob")).check(clock);
        assertThat(a.roles()).containsExactly(new SamlRole(dev, provider), new SamlRole(ops, provider));
        assertThat(a.role(ops).roleArn()).isEqualTo(ops);
        assertThatThrownBy(() -> a.role(null)).hasMessageContaining("offers 2 roles").hasMessageContaining(dev).hasMessageContaining(ops);
        assertThatThrownBy(() -> a.role("arn:aws:iam::123456789012:role/Nope"))
                .hasMessageContaining("check \"role\" failed").hasMessageContaining("does not offer");
    }

    @Test
    void eachFailedCheckIsNamedAndTheAssertionNeverAppearsInTheMessage() {
        String response = idp.samlResponse("alice");
        clock.advance(Duration.ofMinutes(5));
        assertRefused(response, "not expired");
        clock.advance(Duration.ofMinutes(-5));

        idp.defect(LocalSamlIdp.Defect.WRONG_AUDIENCE);
        assertRefused(idp.samlResponse("alice"), "audience");
        idp.defect(LocalSamlIdp.Defect.NONE);

        idp.awsSignInUrl(java.net.URI.create("https://evil.example/saml"));
        assertRefused(idp.samlResponse("alice"), "recipient");
        idp.awsSignInUrl(java.net.URI.create(LocalSamlIdp.AWS_AUDIENCE));

        String xml = idp.responseXml("alice").replaceFirst("<\\?xml[^>]*\\?>", "");
        assertRefused(b64("<!DOCTYPE r [<!ENTITY x \"y\">]>" + xml), "well-formed");
        assertRefused(b64(xml.substring(0, xml.length() / 2)), "well-formed");
        assertRefused("%%% not base64", "base64");
    }

    @Test
    void aChangedByteIsRefusedByTheStsAndTheErrorHoldsNoAssertion() {
        String xml = idp.responseXml("alice");
        int at = xml.indexOf(">alice<") + 1;
        String changed = b64(xml.substring(0, at) + "b" + xml.substring(at + 1));
        SamlRole role = SamlAssertion.read(changed).check(clock).role(dev);
        assertThatThrownBy(() -> client().assumeRoleWithSaml(role.roleArn(), role.providerArn(), changed, null))
                .isInstanceOf(AwsServiceException.class)
                .hasMessageContaining("InvalidIdentityToken")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(changed.substring(0, 40)));
    }

    private void assertRefused(String response, String check) {
        assertThatThrownBy(() -> SamlAssertion.read(response).check(clock))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("check \"" + check + "\" failed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("alice").doesNotContain(response.substring(0, 10)));
    }

    private static String b64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }
}
