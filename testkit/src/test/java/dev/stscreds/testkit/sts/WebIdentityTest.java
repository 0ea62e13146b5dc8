package dev.stscreds.testkit.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.testkit.sts.QueryClient.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebIdentityTest extends LocalStsFixture {
    private static final String SUBJECT = "system:serviceaccount:ci:runner";
    private String role;

    @BeforeEach
    void createRole() {
        role = sts.createRole("Pod", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
                  "Principal": {"Federated": "%s"},
                  "Condition": {"StringEquals": {"oidc.stscreds.test:aud": "sts.amazonaws.com"},
                                "StringLike": {"oidc.stscreds.test:sub": "system:serviceaccount:ci:*"}}}]}"""
                .formatted(sts.oidcProviderArn()));
    }

    private Reply assume(String token) {
        return client.sts(null, "AssumeRoleWithWebIdentity", "RoleArn", role, "RoleSessionName", "pod-1", "WebIdentityToken", token);
    }

    @Test
    void aGoodTokenGivesARoleSessionUnsigned() {
        Reply r = ok(assume(sts.issueWebIdentityToken(SUBJECT, LocalSts.DEFAULT_AUDIENCE, Duration.ofMinutes(10))));

        assertThat(r.value("SubjectFromWebIdentityToken")).isEqualTo(SUBJECT);
        assertThat(r.value("Audience")).isEqualTo("sts.amazonaws.com");
        assertThat(r.value("Provider")).isEqualTo("https://oidc.stscreds.test");
        assertThat(r.value("Arn")).isEqualTo("arn:aws:sts::123456789012:assumed-role/Pod/pod-1");
        assertThat(r.value("Expiration")).isEqualTo("2026-11-22T12:00:00Z");
        assertThat(ok(client.sts(r.credentials(), "GetCallerIdentity")).value("Arn")).isEqualTo(r.value("Arn"));
        assertThat(sts.calls("AssumeRoleWithWebIdentity")).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsExpiredTokenException() {
        String token = sts.issueWebIdentityToken(SUBJECT, LocalSts.DEFAULT_AUDIENCE, Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10));

        Reply r = assume(token);

        assertError(r, 400, "ExpiredTokenException", "Token expired: current date/time " + clock.instant().getEpochSecond()
                + " must be before the expiration date/time" + clock.instant().getEpochSecond());
    }

    @Test
    void forgedAndTamperedTokensAreInvalidIdentityToken() {
        String forged;
        try (LocalSts other = new LocalSts().clock(clock)) {
            forged = other.issueWebIdentityToken(SUBJECT, LocalSts.DEFAULT_AUDIENCE, Duration.ofMinutes(10));
        }
        String[] good = sts.issueWebIdentityToken(SUBJECT, LocalSts.DEFAULT_AUDIENCE, Duration.ofMinutes(10)).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(good[1]), StandardCharsets.UTF_8).replace("ci:runner", "ci:admin");
        String tampered = good[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + good[2];
        String unsigned = good[0] + "." + good[1] + ".";

        assertError(assume(forged), 400, "InvalidIdentityToken", "Couldn't verify the signature of the token with any of the provider's keys.");
        assertError(assume(tampered), 400, "InvalidIdentityToken", null);
        assertError(assume(unsigned), 400, "InvalidIdentityToken", null);
        assertError(assume("not-a-jwt"), 400, "InvalidIdentityToken", null);
    }

    @Test
    void theAudienceMustBeRegisteredAndTrusted() {
        String other = sts.issueWebIdentityToken(SUBJECT, "my-app", Duration.ofMinutes(10));

        assertError(assume(other), 400, "InvalidIdentityToken", "Incorrect token audience");
        sts.allowAudience("my-app");
        assertError(assume(other), 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }

    @Test
    void theSubjectConditionIsChecked() {
        String token = sts.issueWebIdentityToken("system:serviceaccount:prod:app", LocalSts.DEFAULT_AUDIENCE, Duration.ofMinutes(10));

        assertError(assume(token), 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }

    @Test
    void aRoleThatDoesNotTrustTheProviderIsAccessDenied() {
        String plain = sts.createRole("Plain", trustAccount(ACCOUNT));
        String token = sts.issueWebIdentityToken(SUBJECT, LocalSts.DEFAULT_AUDIENCE, Duration.ofMinutes(10));

        assertError(client.sts(null, "AssumeRoleWithWebIdentity", "RoleArn", plain, "RoleSessionName", "p1", "WebIdentityToken", token),
                403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }
}
