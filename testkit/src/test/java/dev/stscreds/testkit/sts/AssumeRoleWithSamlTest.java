package dev.stscreds.testkit.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.testkit.saml.LocalSamlIdp;
import dev.stscreds.testkit.sts.QueryClient.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssumeRoleWithSamlTest extends LocalStsFixture {
    private LocalSamlIdp idp;
    private String provider;
    private String role;

    @BeforeEach
    void idp() {
        idp = new LocalSamlIdp().clock(clock).start();
        provider = sts.createSamlProvider("corp", idp.certificate());
        role = sts.createRole("Dev", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithSAML",
                  "Principal": {"Federated": "%s"},
                  "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}""".formatted(provider),
                Duration.ofHours(12));
        idp.addUser("alice", "pw", List.of(provider + "," + role)); // provider first: either order is allowed
    }

    @AfterEach
    void stopIdp() {
        idp.close();
    }

    private Reply assume(String samlResponse, String... more) {
        String[] params = new String[6 + more.length];
        System.arraycopy(new String[] {"RoleArn", role, "PrincipalArn", provider, "SAMLAssertion", samlResponse}, 0, params, 0, 6);
        System.arraycopy(more, 0, params, 6, more.length);
        return client.sts(null, "AssumeRoleWithSAML", params);
    }

    @Test
    void aSignedAssertionGivesASessionNamedByItsRoleSessionNameUnsigned() {
        idp.sessionDuration(Duration.ofHours(2));
        Reply r = ok(assume(idp.samlResponse("alice"), "DurationSeconds", "43200"));
        assertThat(r.value("Arn")).isEqualTo("arn:aws:sts::123456789012:assumed-role/Dev/alice");
        assertThat(r.value("Audience")).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(r.value("Subject")).isEqualTo("alice");
        assertThat(r.value("Expiration")).as("capped by SessionDuration").isEqualTo("2026-11-22T13:00:00Z");
        assertThat(ok(client.sts(r.credentials(), "GetCallerIdentity")).value("Arn")).isEqualTo(r.value("Arn"));
    }

    @Test
    void everyDefectIsRefusedAsAwsRefusesIt() {
        idp.defect(LocalSamlIdp.Defect.UNSIGNED);
        assertError(assume(idp.samlResponse("alice")), 400, "InvalidIdentityToken", "Response signature invalid");
        idp.defect(LocalSamlIdp.Defect.WRONGLY_SIGNED);
        assertError(assume(idp.samlResponse("alice")), 400, "InvalidIdentityToken", "Response signature invalid");
        idp.defect(LocalSamlIdp.Defect.WRONG_AUDIENCE);
        assertError(assume(idp.samlResponse("alice")), 400, "InvalidIdentityToken", null);
        idp.defect(LocalSamlIdp.Defect.EXPIRED);
        assertError(assume(idp.samlResponse("alice")), 400, "ExpiredTokenException", "Response is expired");
        idp.defect(LocalSamlIdp.Defect.NONE);

        String good = idp.samlResponse("alice");
        clock.advance(Duration.ofMinutes(5));
        assertError(assume(good), 400, "ExpiredTokenException", "Response is expired");

        String xml = idp.responseXml("alice");
        int at = xml.indexOf("<saml:NameID") + xml.substring(xml.indexOf("<saml:NameID")).indexOf(">alice") + 1;
        String changed = xml.substring(0, at) + "b" + xml.substring(at + 1);
        assertError(assume(Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8))), 400,
                "InvalidIdentityToken", "Response signature invalid");
        assertError(assume("!!!not base64!!!"), 400, "InvalidIdentityToken", "Invalid base64 SAMLResponse");
    }

    @Test
    void theRolePairMustBeInTheAssertionAndTheTrustPolicyMustAllowTheProvider() {
        String other = sts.createRole("Other", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithSAML", "Principal": {"Federated": "%s"}}]}"""
                .formatted(provider));
        assertError(client.sts(null, "AssumeRoleWithSAML", "RoleArn", other, "PrincipalArn", provider,
                "SAMLAssertion", idp.samlResponse("alice")), 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML");

        String stranger = sts.createRole("Stranger", trustAccount("arn:aws:iam::123456789012:root"));
        idp.addUser("bob", "pw", List.of(stranger + "," + provider));
        assertError(client.sts(null, "AssumeRoleWithSAML", "RoleArn", stranger, "PrincipalArn", provider,
                "SAMLAssertion", idp.samlResponse("bob")), 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML");

        assertError(client.sts(null, "AssumeRoleWithSAML", "RoleArn", role, "PrincipalArn",
                "arn:aws:iam::123456789012:saml-provider/nobody", "SAMLAssertion", idp.samlResponse("alice")),
                400, "InvalidIdentityToken", "Specified provider doesn't exist");
        assertThat(sts.calls("AssumeRoleWithSAML")).isEqualTo(3);
    }
}
