package dev.stscreds.testkit.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustPolicyTest {
    private static final User ALICE = new User("123456789012", "alice", "AIDAEXAMPLE", User.arn("123456789012", "alice"), Instant.EPOCH);
    private static final Role OPS = new Role("123456789012", "Ops", "AROAEXAMPLE", Role.arn("123456789012", "Ops"),
            null, Duration.ofHours(1), Instant.EPOCH);
    private static final TrustPolicy.Requester USER = new TrustPolicy.Requester(Caller.user(ALICE), null);
    private static final TrustPolicy.Requester OPS_SESSION = new TrustPolicy.Requester(Caller.assumedRole(OPS, "s1"), null);
    private static final TrustPolicy.Requester OTHER_ACCOUNT =
            new TrustPolicy.Requester(Caller.user(new User("210987654321", "eve", "AIDAE", User.arn("210987654321", "eve"), Instant.EPOCH)), null);

    private static TrustPolicy allow(String principal, String condition) {
        return TrustPolicy.parse("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Principal\": " + principal
                + (condition == null ? "" : ", \"Condition\": " + condition) + "}}");
    }

    @Test
    void accountPrincipalsMatchEveryIdentityOfTheAccountOnly() {
        for (String p : new String[] {"{\"AWS\": \"123456789012\"}", "{\"AWS\": \"arn:aws:iam::123456789012:root\"}"}) {
            TrustPolicy t = allow(p, null);
            assertThat(t.allows(USER, "sts:AssumeRole", Map.of())).as(p).isTrue();
            assertThat(t.allows(OPS_SESSION, "sts:AssumeRole", Map.of())).as(p).isTrue();
            assertThat(t.allows(OTHER_ACCOUNT, "sts:AssumeRole", Map.of())).as(p).isFalse();
        }
    }

    @Test
    void userAndRolePrincipalsMatchThatIdentityOnly() {
        TrustPolicy user = allow("{\"AWS\": [\"arn:aws:iam::123456789012:user/alice\"]}", null);
        TrustPolicy role = allow("{\"AWS\": \"arn:aws:iam::123456789012:role/Ops\"}", null);

        assertThat(user.allows(USER, "sts:AssumeRole", Map.of())).isTrue();
        assertThat(user.allows(OPS_SESSION, "sts:AssumeRole", Map.of())).isFalse();
        assertThat(role.allows(OPS_SESSION, "sts:AssumeRole", Map.of())).isTrue();
        assertThat(role.allows(USER, "sts:AssumeRole", Map.of())).isFalse();
    }

    @Test
    void actionsMatchExactlyOrByWildcard() {
        TrustPolicy exact = allow("\"*\"", null);
        TrustPolicy wildcard = TrustPolicy.parse("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:Assume*\", \"Principal\": \"*\"}]}");

        assertThat(exact.allows(USER, "sts:AssumeRole", Map.of())).isTrue();
        assertThat(exact.allows(USER, "sts:AssumeRoleWithWebIdentity", Map.of())).isFalse();
        assertThat(exact.allows(USER, "sts:TagSession", Map.of())).isFalse();
        assertThat(wildcard.allows(USER, "sts:AssumeRoleWithWebIdentity", Map.of())).isTrue();
    }

    @Test
    void boolMfaConditionNeedsTheKeyUnlessIfExists() {
        TrustPolicy mfa = allow("\"*\"", "{\"Bool\": {\"aws:MultiFactorAuthPresent\": true}}");
        TrustPolicy noMfaIfExists = allow("\"*\"", "{\"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}}");

        assertThat(mfa.allows(USER, "sts:AssumeRole", Map.of("aws:MultiFactorAuthPresent", "true"))).isTrue();
        assertThat(mfa.allows(USER, "sts:AssumeRole", Map.of("aws:MultiFactorAuthPresent", "false"))).isFalse();
        assertThat(mfa.allows(USER, "sts:AssumeRole", Map.of())).isFalse();
        assertThat(noMfaIfExists.allows(USER, "sts:AssumeRole", Map.of())).isTrue();
        assertThat(noMfaIfExists.allows(USER, "sts:AssumeRole", Map.of("aws:multifactorauthpresent", "true"))).isFalse();
    }

    @Test
    void stringConditionsAndExplicitDeny() {
        TrustPolicy t = TrustPolicy.parse("""
                {"Statement": [
                  {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "123456789012"},
                   "Condition": {"StringEquals": {"sts:ExternalId": ["a1", "b2"]}, "StringLike": {"sts:RoleSessionName": "ci-*"}}},
                  {"Effect": "Deny", "Action": "sts:AssumeRole", "Principal": "*",
                   "Condition": {"StringEquals": {"sts:RoleSessionName": "ci-blocked"}}}]}""");

        assertThat(t.allows(USER, "sts:AssumeRole", Map.of("sts:ExternalId", "b2", "sts:RoleSessionName", "ci-7"))).isTrue();
        assertThat(t.allows(USER, "sts:AssumeRole", Map.of("sts:ExternalId", "c3", "sts:RoleSessionName", "ci-7"))).isFalse();
        assertThat(t.allows(USER, "sts:AssumeRole", Map.of("sts:ExternalId", "a1", "sts:RoleSessionName", "dev-7"))).isFalse();
        assertThat(t.allows(USER, "sts:AssumeRole", Map.of("sts:ExternalId", "a1", "sts:RoleSessionName", "ci-blocked"))).isFalse();
    }

    @Test
    void federatedPrincipalsMatchTheProviderOnly() {
        TrustPolicy t = TrustPolicy.parse("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRoleWithWebIdentity\", "
                + "\"Principal\": {\"Federated\": \"arn:aws:iam::123456789012:oidc-provider/oidc.stscreds.test\"}}]}");

        assertThat(t.allows(new TrustPolicy.Requester(null, "arn:aws:iam::123456789012:oidc-provider/oidc.stscreds.test"),
                "sts:AssumeRoleWithWebIdentity", Map.of())).isTrue();
        assertThat(t.allows(new TrustPolicy.Requester(null, "arn:aws:iam::123456789012:oidc-provider/other"),
                "sts:AssumeRoleWithWebIdentity", Map.of())).isFalse();
        assertThat(t.allows(USER, "sts:AssumeRoleWithWebIdentity", Map.of())).isFalse();
    }

    @Test
    void whatIsNotEvaluatedIsRefusedUpFront() {
        assertThatThrownBy(() -> TrustPolicy.parse("{\"Statement\": [{\"Effect\": \"Allow\", \"NotAction\": \"x\", \"Principal\": \"*\"}]}"))
                .hasMessageContaining("NotAction is not supported");
        assertThatThrownBy(() -> allow("\"*\"", "{\"DateGreaterThan\": {\"aws:CurrentTime\": \"2020-01-01T00:00:00Z\"}}"))
                .hasMessageContaining("DateGreaterThan is not supported");
        assertThatThrownBy(() -> allow("{\"CanonicalUser\": \"x\"}", null)).hasMessageContaining("CanonicalUser is not supported");
        assertThatThrownBy(() -> TrustPolicy.parse("{\"Statement\": [")).isInstanceOf(IllegalArgumentException.class);
    }
}
