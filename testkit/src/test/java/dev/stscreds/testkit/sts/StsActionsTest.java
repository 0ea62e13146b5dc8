package dev.stscreds.testkit.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.testkit.sts.QueryClient.Creds;
import dev.stscreds.testkit.sts.QueryClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StsActionsTest extends LocalStsFixture {
    private static final String INVALID_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code. ";

    // ---- GetSessionToken

    @Test
    void getSessionTokenLastsTwelveHoursByDefaultAndLooksReal() {
        Reply r = ok(client.sts(alice, "GetSessionToken"));

        assertThat(r.value("Expiration")).isEqualTo("2026-11-22T23:00:00Z");
        assertThat(r.value("AccessKeyId")).matches("ASIA[A-Z2-7]{16}");
        assertThat(r.value("SecretAccessKey")).hasSize(40);
        assertThat(r.value("SessionToken").length()).isGreaterThan(200);
        assertThat(r.body()).contains("<GetSessionTokenResult><Credentials><AccessKeyId>");
    }

    @Test
    void getSessionTokenDurationMustBeFrom900To129600Seconds() {
        assertThat(ok(client.sts(alice, "GetSessionToken", "DurationSeconds", "129600")).value("Expiration")).isEqualTo("2026-11-23T23:00:00Z");
        assertError(client.sts(alice, "GetSessionToken", "DurationSeconds", "899"), 400, "ValidationError",
                "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 900");
        assertError(client.sts(alice, "GetSessionToken", "DurationSeconds", "129601"), 400, "ValidationError",
                "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 129600");
    }

    @Test
    void getSessionTokenChecksTheMfaCodeOfThisAndThePreviousStep() {
        String now = code();
        clock.advance(Duration.ofSeconds(30));
        String previous = now;
        ok(client.sts(alice, "GetSessionToken", "SerialNumber", aliceMfa.serialNumber(), "TokenCode", previous));
        clock.advance(Duration.ofSeconds(30));

        assertError(client.sts(alice, "GetSessionToken", "SerialNumber", aliceMfa.serialNumber(), "TokenCode", previous),
                403, "AccessDenied", INVALID_CODE);
        ok(client.sts(alice, "GetSessionToken", "SerialNumber", aliceMfa.serialNumber(), "TokenCode", code()));
    }

    @Test
    void getSessionTokenRefusesAWrongCodeSerialOrFormat() {
        String wrong = String.format("%06d", (Integer.parseInt(code()) + 1) % 1_000_000);

        assertError(client.sts(alice, "GetSessionToken", "SerialNumber", aliceMfa.serialNumber(), "TokenCode", wrong),
                403, "AccessDenied", INVALID_CODE);
        assertError(client.sts(alice, "GetSessionToken", "SerialNumber", "arn:aws:iam::123456789012:mfa/bob", "TokenCode", code()),
                403, "AccessDenied", MfaCheck.UNABLE);
        assertError(client.sts(alice, "GetSessionToken", "SerialNumber", aliceMfa.serialNumber(), "TokenCode", "12345"),
                400, "ValidationError", "1 validation error detected: Value '12345' at 'tokenCode' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 6");
    }

    @Test
    void sessionCredentialsCannotGetAnotherSessionOrFederationToken() {
        Creds session = ok(client.sts(alice, "GetSessionToken")).credentials();

        assertError(client.sts(session, "GetSessionToken"), 403, "AccessDenied", "Cannot call GetSessionToken with session credentials");
        assertError(client.sts(session, "GetFederationToken", "Name", "bob"), 403, "AccessDenied",
                "Cannot call GetFederationToken with session credentials");
    }

    // ---- AssumeRole

    @Test
    void assumeRoleGivesAnHourLongRoleSession() {
        String role = sts.createRole("Reader", trustAccount(ACCOUNT));

        Reply r = ok(client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "alice@example.com"));
        Reply id = ok(client.sts(r.credentials(), "GetCallerIdentity"));

        assertThat(r.value("Expiration")).isEqualTo("2026-11-22T12:00:00Z");
        assertThat(r.value("Arn")).isEqualTo("arn:aws:sts::123456789012:assumed-role/Reader/alice@example.com");
        assertThat(r.value("AssumedRoleId")).matches("AROA[A-Z2-7]{17}:alice@example.com");
        assertThat(r.value("PackedPolicySize")).isNull();
        assertThat(id.value("Arn")).isEqualTo(r.value("Arn"));
        assertThat(id.value("UserId")).isEqualTo(r.value("AssumedRoleId"));
        assertThat(id.value("Account")).isEqualTo(ACCOUNT);
    }

    @Test
    void trustPolicyWithAnExternalId() {
        String role = sts.createRole("Vendor", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                  "Condition": {"StringEquals": {"sts:ExternalId": "ext-42"}}}]}""");
        String denied = "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on resource: " + role;

        ok(client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1", "ExternalId", "ext-42"));
        assertError(client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1", "ExternalId", "ext-43"), 403, "AccessDenied", denied);
        assertError(client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1"), 403, "AccessDenied", denied);
    }

    @Test
    void trustPolicyNamingAUserLetsOnlyThatUserIn() {
        sts.createUser("bob");
        Creds bob = Creds.of(sts.createAccessKey("bob"));
        String role = sts.createRole("AliceOnly", trustAccount("arn:aws:iam::123456789012:user/alice"));

        ok(client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1"));
        assertError(client.sts(bob, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1"), 403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:AssumeRole on resource: " + role);
    }

    @Test
    void anUnknownRoleIsAccessDeniedAndAMalformedArnInvalid() {
        String missing = "arn:aws:iam::123456789012:role/Nope";

        assertError(client.sts(alice, "AssumeRole", "RoleArn", missing, "RoleSessionName", "s1"), 403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on resource: " + missing);
        assertError(client.sts(alice, "AssumeRole", "RoleArn", "arn:aws:s3:::bucket-of-things", "RoleSessionName", "s1"),
                400, "ValidationError", "arn:aws:s3:::bucket-of-things is invalid");
    }

    @Test
    void mfaConditionNeedsAProvenCodeOrAnMfaSession() {
        String role = sts.createRole("Admin", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "123456789012"},
                  "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}""");
        Creds plainSession = ok(client.sts(alice, "GetSessionToken")).credentials();
        Creds mfaSession = ok(client.sts(alice, "GetSessionToken", "SerialNumber", aliceMfa.serialNumber(), "TokenCode", code())).credentials();

        assertError(client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1"), 403, "AccessDenied", null);
        assertError(client.sts(plainSession, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1"), 403, "AccessDenied", null);
        ok(client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1", "SerialNumber", aliceMfa.serialNumber(), "TokenCode", code()));
        ok(client.sts(mfaSession, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1"));
        assertError(client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1", "SerialNumber", aliceMfa.serialNumber(),
                "TokenCode", "000000".equals(code()) ? "000001" : "000000"), 403, "AccessDenied", INVALID_CODE);
    }

    @Test
    void roleSessionNameAndRoleArnAreValidatedTogether() {
        assertError(client.sts(alice, "AssumeRole", "RoleSessionName", "a"), 400, "ValidationError",
                "2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; "
                        + "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
        assertError(client.sts(alice, "AssumeRole", "RoleArn", "arn:aws:iam::123456789012:role/R", "RoleSessionName", "bad name!"),
                400, "ValidationError", "1 validation error detected: Value 'bad name!' at 'roleSessionName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        assertError(client.sts(alice, "AssumeRole", "RoleArn", "arn:aws:iam::123456789012:role/R", "RoleSessionName", "x1".repeat(65)),
                400, "ValidationError", null);
    }

    @Test
    void durationIsBoundedByTheApiAndTheRolesMaximum() {
        String oneHour = sts.createRole("OneHour", trustAccount(ACCOUNT));
        String twoHours = sts.createRole("TwoHours", trustAccount(ACCOUNT), Duration.ofHours(2));

        assertError(client.sts(alice, "AssumeRole", "RoleArn", oneHour, "RoleSessionName", "s1", "DurationSeconds", "899"), 400, "ValidationError",
                "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
        assertError(client.sts(alice, "AssumeRole", "RoleArn", oneHour, "RoleSessionName", "s1", "DurationSeconds", "43201"), 400, "ValidationError", null);
        assertError(client.sts(alice, "AssumeRole", "RoleArn", oneHour, "RoleSessionName", "s1", "DurationSeconds", "7200"), 400, "ValidationError",
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        assertThat(ok(client.sts(alice, "AssumeRole", "RoleArn", twoHours, "RoleSessionName", "s1", "DurationSeconds", "7200")).value("Expiration"))
                .isEqualTo("2026-11-22T13:00:00Z");
    }

    @Test
    void roleChainingIsCappedAtOneHour() {
        String first = sts.createRole("First", trustAccount(ACCOUNT));
        String second = sts.createRole("Second", trustAccount(first), Duration.ofHours(12));
        Creds firstSession = ok(client.sts(alice, "AssumeRole", "RoleArn", first, "RoleSessionName", "one")).credentials();

        assertError(client.sts(firstSession, "AssumeRole", "RoleArn", second, "RoleSessionName", "two", "DurationSeconds", "3601"),
                400, "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        Reply chained = ok(client.sts(firstSession, "AssumeRole", "RoleArn", second, "RoleSessionName", "two", "DurationSeconds", "3600"));
        assertThat(chained.value("Arn")).isEqualTo("arn:aws:sts::123456789012:assumed-role/Second/two");
        // alice herself is not the First role: the Second role does not trust her
        assertError(client.sts(alice, "AssumeRole", "RoleArn", second, "RoleSessionName", "two"), 403, "AccessDenied", null);
    }

    @Test
    void tagsNeedTagSessionInTheTrustPolicyAndAreLimitedToFifty() {
        String tagging = sts.createRole("Tagging", """
                {"Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
                  "Principal": {"AWS": "123456789012"}}]}""");
        String plain = sts.createRole("Plain", trustAccount(ACCOUNT));
        List<String> fiftyOne = new ArrayList<>(List.of("RoleArn", tagging, "RoleSessionName", "s1"));
        for (int i = 1; i <= 51; i++) fiftyOne.addAll(List.of("Tags.member." + i + ".Key", "k" + i, "Tags.member." + i + ".Value", "v"));

        Reply tagged = ok(client.sts(alice, "AssumeRole", "RoleArn", tagging, "RoleSessionName", "s1",
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue", "SourceIdentity", "alice@corp"));
        assertThat(Integer.parseInt(tagged.value("PackedPolicySize"))).isBetween(1, 100);
        assertThat(tagged.value("SourceIdentity")).isEqualTo("alice@corp");
        assertError(client.sts(alice, "AssumeRole", fiftyOne.toArray(String[]::new)), 400, "ValidationError", null);
        assertThat(client.sts(alice, "AssumeRole", fiftyOne.toArray(String[]::new)).message()).contains("at 'tags'")
                .endsWith("Member must have length less than or equal to 50");
        assertError(client.sts(alice, "AssumeRole", "RoleArn", plain, "RoleSessionName", "s1", "Tags.member.1.Key", "team",
                "Tags.member.1.Value", "blue"), 403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:TagSession on resource: " + plain);
    }

    @Test
    void sessionPoliciesMustBeJsonAndFitThePackedSpace() {
        String role = sts.createRole("Scoped", trustAccount(ACCOUNT));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

        Reply r = ok(client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1", "Policy", policy));
        assertThat(r.value("PackedPolicySize")).isEqualTo(String.valueOf((int) Math.ceil(policy.length() * 100.0 / 2048)));
        assertError(client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1", "Policy", "{not json"),
                400, "MalformedPolicyDocument", "The policy is not in the valid JSON format.");
    }

    @Test
    void aRoleInAnotherAccountCanTrustThisAccount() {
        String role = sts.account("210987654321").createRole("CrossAccount", trustAccount(ACCOUNT));

        Reply r = ok(client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "x1"));

        assertThat(ok(client.sts(r.credentials(), "GetCallerIdentity")).value("Account")).isEqualTo("210987654321");
    }

    // ---- GetFederationToken

    @Test
    void getFederationTokenGivesAFederatedUser() {
        Reply r = ok(client.sts(alice, "GetFederationToken", "Name", "console-bob", "DurationSeconds", "3600"));

        assertThat(r.value("Arn")).isEqualTo("arn:aws:sts::123456789012:federated-user/console-bob");
        assertThat(r.value("FederatedUserId")).isEqualTo("123456789012:console-bob");
        assertThat(r.value("Expiration")).isEqualTo("2026-11-22T12:00:00Z");
        assertThat(ok(client.sts(r.credentials(), "GetCallerIdentity")).value("Arn")).isEqualTo(r.value("Arn"));
        assertError(client.sts(alice, "GetFederationToken", "Name", "b"), 400, "ValidationError",
                "1 validation error detected: Value 'b' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2");
    }

    // ---- admin API

    @Test
    void theAdminApiRefusesWhatIamWould() {
        AccessKey second = sts.createAccessKey("alice");

        assertThatThrownBy(() -> sts.createAccessKey("alice")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot exceed quota for AccessKeysPerUser: 2");
        assertThatThrownBy(() -> sts.createUser("alice")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sts.createRole("R", "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", "
                + "\"Principal\": {\"AWS\": \"*\"}, \"Condition\": {\"ForAnyValue:StringLike\": {\"aws:TagKeys\": \"x\"}}}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> sts.createRole("R", "{}", Duration.ofHours(13))).isInstanceOf(IllegalArgumentException.class);
        assertThat(aliceMfa.serialNumber()).isEqualTo("arn:aws:iam::123456789012:mfa/alice");
        assertThat(aliceMfa.toString()).doesNotContain(aliceMfa.base32Seed());
        assertThat(second.toString()).contains("secretAccessKey=***").doesNotContain(second.secretAccessKey());
    }
}
