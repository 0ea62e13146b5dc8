package dev.stscreds.testkit.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.testkit.sts.QueryClient.Creds;
import dev.stscreds.testkit.sts.QueryClient.Reply;
import org.junit.jupiter.api.Test;

class IamActionsTest extends LocalStsFixture {

    @Test
    void getUserForTheCallerOrByName() {
        sts.createUser("bob");

        Reply me = ok(client.iam(alice, "GetUser"));
        Reply bob = ok(client.iam(alice, "GetUser", "UserName", "bob"));

        assertThat(me.value("Arn")).isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(me.value("UserId")).matches("AIDA[A-Z2-7]{17}");
        assertThat(me.value("CreateDate")).isEqualTo("2026-11-22T11:00:00Z");
        assertThat(bob.value("UserName")).isEqualTo("bob");
        assertError(client.iam(alice, "GetUser", "UserName", "carol"), 404, "NoSuchEntity", "The user with name carol cannot be found.");
    }

    @Test
    void listMfaDevices() {
        Reply r = ok(client.iam(alice, "ListMFADevices"));

        assertThat(r.value("SerialNumber")).isEqualTo(aliceMfa.serialNumber());
        assertThat(r.value("IsTruncated")).isEqualTo("false");
        assertThat(r.count("member")).isEqualTo(1);
    }

    @Test
    void accessKeysAreLimitedToTwoAndCanBeDisabledAndDeleted() {
        Reply created = ok(client.iam(alice, "CreateAccessKey"));
        Creds second = new Creds(created.value("AccessKeyId"), created.value("SecretAccessKey"), null);

        assertThat(created.value("Status")).isEqualTo("Active");
        assertThat(second.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        ok(client.sts(second, "GetCallerIdentity"));
        assertError(client.iam(alice, "CreateAccessKey"), 409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2");

        ok(client.iam(alice, "UpdateAccessKey", "AccessKeyId", second.accessKeyId(), "Status", "Inactive"));
        assertError(client.sts(second, "GetCallerIdentity"), 403, "InvalidClientTokenId", null);
        Reply list = ok(client.iam(alice, "ListAccessKeys"));
        assertThat(list.count("member")).isEqualTo(2);
        assertThat(list.body()).contains("<AccessKeyId>" + second.accessKeyId() + "</AccessKeyId><Status>Inactive</Status>")
                .doesNotContain(second.secret());

        ok(client.iam(alice, "DeleteAccessKey", "AccessKeyId", second.accessKeyId()));
        assertThat(ok(client.iam(alice, "ListAccessKeys")).count("member")).isEqualTo(1);
        assertError(client.iam(alice, "DeleteAccessKey", "AccessKeyId", second.accessKeyId()), 404, "NoSuchEntity",
                "The Access Key with id " + second.accessKeyId() + " cannot be found.");
    }

    @Test
    void updateAccessKeyValidatesItsStatus() {
        assertError(client.iam(alice, "UpdateAccessKey", "AccessKeyId", alice.accessKeyId(), "Status", "Paused"), 400, "ValidationError",
                "1 validation error detected: Value 'Paused' at 'status' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [Active, Inactive]");
    }

    @Test
    void aSessionWithoutMfaMayNotCallIamOneWithMfaMay() {
        Creds plain = ok(client.sts(alice, "GetSessionToken")).credentials();
        Creds mfa = ok(client.sts(alice, "GetSessionToken", "SerialNumber", aliceMfa.serialNumber(), "TokenCode", code())).credentials();

        assertError(client.iam(plain, "GetUser"), 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        assertThat(ok(client.iam(mfa, "ListAccessKeys")).value("AccessKeyId")).isEqualTo(alice.accessKeyId());
    }

    @Test
    void aRoleSessionMustNameTheUser() {
        String role = sts.createRole("Ops", trustAccount(ACCOUNT));
        Creds session = ok(client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "ops")).credentials();

        assertError(client.iam(session, "ListAccessKeys"), 400, "ValidationError", "Must specify userName when calling with non-User credentials");
        assertThat(ok(client.iam(session, "ListAccessKeys", "UserName", "alice")).value("UserName")).isEqualTo("alice");
    }
}
