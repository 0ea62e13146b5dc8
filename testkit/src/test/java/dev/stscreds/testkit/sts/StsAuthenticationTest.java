package dev.stscreds.testkit.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.testkit.sts.QueryClient.Call;
import dev.stscreds.testkit.sts.QueryClient.Creds;
import dev.stscreds.testkit.sts.QueryClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every signed request is verified: keys, session tokens, expiry, signature, clock skew. */
class StsAuthenticationTest extends LocalStsFixture {
    private static final String INVALID = "The security token included in the request is invalid.";

    @Test
    void aSignedCallGetsTheRealXmlShapeAndARequestId() {
        Reply r = ok(client.sts(alice, "GetCallerIdentity"));

        assertThat(r.body()).startsWith("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>")
                .contains("</GetCallerIdentityResult><ResponseMetadata><RequestId>");
        assertThat(r.contentType()).isEqualTo("text/xml");
        assertThat(r.value("RequestId")).isEqualTo(r.requestIdHeader()).matches("[0-9a-f-]{36}");
        assertThat(r.value("Arn")).isEqualTo("arn:aws:iam::123456789012:user/alice");
    }

    @Test
    void anUnknownKeyIsInvalidClientTokenId() {
        assertError(client.sts(new Creds("AKIAIOSFODNN7EXAMPLE", alice.secret(), null), "GetCallerIdentity"),
                403, "InvalidClientTokenId", INVALID);
    }

    @Test
    void anInactiveKeyIsInvalidClientTokenIdUntilEnabledAgain() {
        sts.accessKeyStatus(alice.accessKeyId(), AccessKey.Status.Inactive);
        assertError(client.sts(alice, "GetCallerIdentity"), 403, "InvalidClientTokenId", INVALID);

        sts.accessKeyStatus(alice.accessKeyId(), AccessKey.Status.Active);
        ok(client.sts(alice, "GetCallerIdentity"));
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch() {
        assertError(client.sts(new Creds(alice.accessKeyId(), "w" + alice.secret().substring(1), null), "GetCallerIdentity"),
                403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. "
                        + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    @Test
    void aBodyOrContentTypeChangedAfterSigningDoesNotMatch() {
        Call body = client.call("sts", alice, "GetSessionToken", "2011-06-15", "DurationSeconds", "900");
        body.afterSigning = b -> b.replace("900", "901");
        Call contentType = client.call("sts", alice, "GetCallerIdentity", "2011-06-15");
        contentType.sentContentType = "application/x-www-form-urlencoded";

        assertError(client.send(body), 403, "SignatureDoesNotMatch", null);
        assertError(client.send(contentType), 403, "SignatureDoesNotMatch", null);
    }

    @Test
    void aRequestSignedMoreThanFifteenMinutesAwayIsSignatureExpired() {
        Call late = client.call("sts", alice, "GetCallerIdentity", "2011-06-15");
        late.signedAt = START.minus(Duration.ofMinutes(16));
        Call early = client.call("sts", alice, "GetCallerIdentity", "2011-06-15");
        early.signedAt = START.plus(Duration.ofMinutes(16));
        Call withinSkew = client.call("sts", alice, "GetCallerIdentity", "2011-06-15");
        withinSkew.signedAt = START.minus(Duration.ofMinutes(14));

        assertError(client.send(late), 403, "SignatureDoesNotMatch",
                "Signature expired: 20261122T104400Z is now earlier than 20261122T104500Z (20261122T110000Z - 15 min.)");
        assertError(client.send(early), 403, "SignatureDoesNotMatch",
                "Signature not yet current: 20261122T111600Z is still later than 20261122T111500Z (20261122T110000Z + 15 min.)");
        ok(client.send(withinSkew));
    }

    @Test
    void sessionCredentialsWorkUntilTheyExpireOnTheServersClock() {
        Creds session = ok(client.sts(alice, "GetSessionToken", "DurationSeconds", "900")).credentials();

        assertThat(ok(client.sts(session, "GetCallerIdentity")).value("Arn")).isEqualTo("arn:aws:iam::123456789012:user/alice");
        clock.advance(Duration.ofSeconds(899));
        ok(client.sts(session, "GetCallerIdentity"));
        clock.advance(Duration.ofSeconds(1));
        assertError(client.sts(session, "GetCallerIdentity"), 400, "ExpiredToken", "The security token included in the request is expired");
        assertError(client.iam(session, "GetUser"), 403, "ExpiredToken", "The security token included in the request is expired");
    }

    @Test
    void sessionCredentialsNeedTheirOwnToken() {
        Creds session = ok(client.sts(alice, "GetSessionToken")).credentials();
        Creds other = ok(client.sts(alice, "GetSessionToken")).credentials();

        assertError(client.sts(new Creds(session.accessKeyId(), session.secret(), null), "GetCallerIdentity"), 403, "InvalidClientTokenId", INVALID);
        assertError(client.sts(new Creds(session.accessKeyId(), session.secret(), other.token()), "GetCallerIdentity"),
                403, "InvalidClientTokenId", INVALID);
        assertError(client.sts(new Creds(alice.accessKeyId(), alice.secret(), session.token()), "GetCallerIdentity"),
                403, "InvalidClientTokenId", INVALID);
    }

    @Test
    void unsignedCallsOtherThanWebIdentityAreRefused() {
        assertError(client.sts(null, "GetCallerIdentity"), 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    }

    @Test
    void unknownActionsVersionsAndServicesAreRefused() {
        assertError(client.sts(alice, "GetAccessKeyInfo"), 400, "InvalidAction", "Could not find operation GetAccessKeyInfo for version 2011-06-15");
        assertError(client.send(client.call("sts", alice, "GetCallerIdentity", "2011-06-14")), 400, "InvalidAction",
                "Could not find operation GetCallerIdentity for version 2011-06-14");
        // IAM actions are found by the signature's scope, not by the version alone
        assertError(client.send(client.call("sts", alice, "GetUser", "2010-05-08")), 400, "InvalidAction", null);
        Call s3 = client.call("sts", alice, "GetCallerIdentity", "2011-06-15");
        s3.service = "s3";
        assertError(client.send(s3), 403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'sts'. ");
    }

    @Test
    void theSameServerAnswersIamSignedForIam() {
        Reply r = ok(client.iam(alice, "GetUser"));

        assertThat(r.body()).startsWith("<GetUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetUserResult><User>");
        assertThat(r.value("UserName")).isEqualTo("alice");
    }

    @Test
    void resetForgetsUsersAndKeys() {
        sts.reset();
        sts.clock(clock);

        assertError(client.sts(alice, "GetCallerIdentity"), 403, "InvalidClientTokenId", INVALID);
        assertThat(sts.calls("GetCallerIdentity")).isEqualTo(1);
    }
}
