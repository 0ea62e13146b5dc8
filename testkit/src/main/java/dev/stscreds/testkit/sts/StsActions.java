package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.Json;
import dev.stscreds.testkit.FakeCredentials;
import dev.stscreds.testkit.saml.LocalSamlIdp;
import dev.stscreds.testkit.saml.SamlVerifier;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The STS actions (version 2011-06-15), with AWS's parameter rules and error answers. */
final class StsActions {
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@/-]*/)?([\\w+=,.@-]+)");
    private static final int ROLE_CHAINING_LIMIT = 3600;
    private static final int PACKED_POLICY_BUDGET = 2048;

    private final LocalSts sts;

    StsActions(LocalSts sts) {
        this.sts = sts;
    }

    Map<String, ActionHandler> handlers() {
        return Map.of(
                "GetCallerIdentity", this::getCallerIdentity,
                "GetSessionToken", this::getSessionToken,
                "AssumeRole", this::assumeRole,
                "AssumeRoleWithWebIdentity", this::assumeRoleWithWebIdentity,
                "AssumeRoleWithSAML", this::assumeRoleWithSaml,
                "GetFederationToken", this::getFederationToken);
    }

    private Xml getCallerIdentity(QueryParams p, Identity who) {
        Caller c = who.caller();
        // the order of AWS's own answers
        return new Xml().element("Arn", c.arn()).element("UserId", c.userId()).element("Account", c.account());
    }

    private Xml getSessionToken(QueryParams p, Identity who) {
        if (who.temporary()) throw AwsError.accessDenied("Cannot call GetSessionToken with session credentials");
        Validation v = new Validation();
        int duration = v.integer(p.get("DurationSeconds"), "durationSeconds", 900, 129600, 43200);
        mfaParameters(v, p);
        v.check();
        Instant now = sts.now();
        boolean mfa = MfaCheck.proven(sts.directory(), who.caller(), p.get("SerialNumber"), p.get("TokenCode"), now);
        Session session = issue(who.caller(), duration, mfa, null);
        return new Xml().raw(credentials(session.credentials()));
    }

    private Xml assumeRole(QueryParams p, Identity who) {
        String roleArn = p.get("RoleArn");
        String sessionName = p.get("RoleSessionName");
        String externalId = p.get("ExternalId");
        String sourceIdentity = p.get("SourceIdentity");
        String policy = p.get("Policy");
        List<String> policyArns = p.members("PolicyArns", "arn");
        List<String> tagKeys = p.members("Tags", "Key");
        List<String> tagValues = p.members("Tags", "Value");
        Validation v = new Validation();
        roleParameters(v, p);
        int duration = v.integer(p.get("DurationSeconds"), "durationSeconds", 900, 43200, ROLE_CHAINING_LIMIT);
        v.length(externalId, "externalId", 2, 1224).pattern(externalId, "externalId", "[\\w+=,.@:/-]*");
        mfaParameters(v, p);
        v.length(sourceIdentity, "sourceIdentity", 2, 64).pattern(sourceIdentity, "sourceIdentity", Validation.NAME_PATTERN);
        v.count(policyArns, "policyArns", 10).count(tagKeys, "tags", 50).count(p.members("TransitiveTagKeys"), "transitiveTagKeys", 50);
        for (String key : tagKeys) v.length(key, "tags.member.key", 1, 128);
        for (String value : tagValues) v.length(value, "tags.member.value", 0, 256);
        v.check();
        checkRoleArnFormat(roleArn);
        checkTags(tagKeys, p.members("TransitiveTagKeys"));
        checkPolicy(policy);

        boolean chained = who.caller().kind() == Caller.Kind.ASSUMED_ROLE;
        if (chained && duration > ROLE_CHAINING_LIMIT) {
            throw AwsError.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        Instant now = sts.now();
        boolean mfaInRequest = MfaCheck.proven(sts.directory(), who.caller(), p.get("SerialNumber"), p.get("TokenCode"), now);
        Map<String, String> context = new HashMap<>();
        put(context, "sts:ExternalId", externalId);
        put(context, "sts:RoleSessionName", sessionName);
        put(context, "sts:SourceIdentity", sourceIdentity);
        put(context, "aws:MultiFactorAuthPresent", mfaInRequest ? "true" : who.multiFactorAuthPresentKey());
        put(context, "aws:PrincipalAccount", who.caller().account());
        put(context, "aws:PrincipalArn", who.caller().roleArn() != null ? who.caller().roleArn() : who.caller().arn());
        if (who.caller().kind() == Caller.Kind.USER) put(context, "aws:username", who.caller().name());
        for (int i = 0; i < tagKeys.size(); i++) put(context, "aws:RequestTag/" + tagKeys.get(i), valueAt(tagValues, i));

        TrustPolicy.Requester requester = new TrustPolicy.Requester(who.caller(), null);
        Role role = sts.directory().role(roleArn).orElseThrow(() -> notAuthorized(who, "sts:AssumeRole", roleArn));
        if (!role.trust().allows(requester, "sts:AssumeRole", context)) throw notAuthorized(who, "sts:AssumeRole", roleArn);
        if (!tagKeys.isEmpty() && !role.trust().allows(requester, "sts:TagSession", context)) {
            throw notAuthorized(who, "sts:TagSession", roleArn);
        }
        if (sourceIdentity != null && !role.trust().allows(requester, "sts:SetSourceIdentity", context)) {
            throw notAuthorized(who, "sts:SetSourceIdentity", roleArn);
        }
        if (duration > role.maxSessionDuration().toSeconds()) {
            throw AwsError.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Integer packed = packedPolicySize(policy, policyArns, tagKeys, tagValues);
        String carriedSourceIdentity = sourceIdentity != null ? sourceIdentity
                : who.session() == null ? null : who.session().sourceIdentity();
        Caller session = Caller.assumedRole(role, sessionName);
        Session issued = issue(session, duration, mfaInRequest || who.mfaPresent(), carriedSourceIdentity);
        return new Xml().raw(credentials(issued.credentials()))
                .open("AssumedRoleUser").element("Arn", session.arn()).element("AssumedRoleId", session.userId()).close("AssumedRoleUser")
                .element("PackedPolicySize", packed)
                .element("SourceIdentity", carriedSourceIdentity);
    }

    private Xml assumeRoleWithWebIdentity(QueryParams p, Identity who) {
        String roleArn = p.get("RoleArn");
        String token = p.get("WebIdentityToken");
        String policy = p.get("Policy");
        List<String> policyArns = p.members("PolicyArns", "arn");
        Validation v = new Validation();
        roleParameters(v, p);
        int duration = v.integer(p.get("DurationSeconds"), "durationSeconds", 900, 43200, 3600);
        v.required(token, "webIdentityToken").length(token, "webIdentityToken", 4, 20000);
        v.length(p.get("ProviderId"), "providerId", 4, 2048);
        v.count(policyArns, "policyArns", 10);
        v.check();
        checkRoleArnFormat(roleArn);
        checkPolicy(policy);

        WebIdentityTokens.Claims claims = sts.tokens().verify(token, sts.now());
        String audience = claims.audiences().stream().filter(sts.audiences()::contains).findFirst()
                .orElseThrow(() -> new AwsError(400, "InvalidIdentityToken", "Incorrect token audience"));
        AwsError denied = AwsError.accessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity");
        Role role = sts.directory().role(roleArn).orElseThrow(() -> denied);
        Map<String, String> context = new HashMap<>();
        put(context, WebIdentityTokens.ISSUER_HOST + ":aud", audience);
        put(context, WebIdentityTokens.ISSUER_HOST + ":sub", claims.subject());
        put(context, "sts:RoleSessionName", p.get("RoleSessionName"));
        TrustPolicy.Requester provider = new TrustPolicy.Requester(null, LocalSts.oidcProviderArn(role.account()));
        if (!role.trust().allows(provider, "sts:AssumeRoleWithWebIdentity", context)) throw denied;
        if (duration > role.maxSessionDuration().toSeconds()) {
            throw AwsError.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Caller session = Caller.assumedRole(role, p.get("RoleSessionName"));
        Session issued = issue(session, duration, false, null);
        return new Xml().raw(credentials(issued.credentials()))
                .element("SubjectFromWebIdentityToken", claims.subject())
                .open("AssumedRoleUser").element("Arn", session.arn()).element("AssumedRoleId", session.userId()).close("AssumedRoleUser")
                .element("PackedPolicySize", packedPolicySize(policy, policyArns, List.of(), List.of()))
                .element("Provider", claims.issuer())
                .element("Audience", audience);
    }

    private Xml assumeRoleWithSaml(QueryParams p, Identity who) {
        String roleArn = p.get("RoleArn");
        String principalArn = p.get("PrincipalArn");
        String assertion = p.get("SAMLAssertion");
        String policy = p.get("Policy");
        List<String> policyArns = p.members("PolicyArns", "arn");
        Validation v = new Validation();
        v.required(roleArn, "roleArn").length(roleArn, "roleArn", 20, 2048);
        v.required(principalArn, "principalArn").length(principalArn, "principalArn", 20, 2048);
        v.required(assertion, "sAMLAssertion").length(assertion, "sAMLAssertion", 4, 100000);
        v.length(policy, "policy", 1, 2048);
        int requested = v.integer(p.get("DurationSeconds"), "durationSeconds", 900, 43200, 3600);
        v.count(policyArns, "policyArns", 10);
        v.check();
        checkRoleArnFormat(roleArn);
        checkPolicy(policy);

        byte[] xml;
        try {
            xml = java.util.Base64.getMimeDecoder().decode(assertion);
        } catch (IllegalArgumentException e) {
            throw new AwsError(400, "InvalidIdentityToken", "Invalid base64 SAMLResponse");
        }
        java.security.cert.X509Certificate certificate = sts.samlProviders().get(principalArn);
        if (certificate == null) throw new AwsError(400, "InvalidIdentityToken", "Specified provider doesn't exist");
        SamlVerifier.Verified saml;
        try {
            saml = SamlVerifier.verify(xml, certificate, sts.now());
        } catch (SamlVerifier.Rejected e) {
            throw switch (e.failure()) {
                case EXPIRED -> new AwsError(400, "ExpiredTokenException", "Response is expired");
                case SIGNATURE -> new AwsError(400, "InvalidIdentityToken", "Response signature invalid");
                case AUDIENCE -> new AwsError(400, "InvalidIdentityToken", "Audience restriction does not include https://signin.aws.amazon.com/saml");
                case MALFORMED -> new AwsError(400, "InvalidIdentityToken", "Invalid SAML response: " + e.getMessage());
            };
        }
        AwsError denied = AwsError.accessDenied("Not authorized to perform sts:AssumeRoleWithSAML");
        boolean offered = saml.roles().stream().map(pair -> Set.of(pair.split("\\s*,\\s*")))
                .anyMatch(pair -> pair.equals(Set.of(roleArn, principalArn)));
        if (!offered) throw denied;
        if (saml.sessionName() == null) throw new AwsError(400, "InvalidIdentityToken", "RoleSessionName is required in AuthnResponse");
        Role role = sts.directory().role(roleArn).orElseThrow(() -> denied);
        Map<String, String> context = new HashMap<>();
        put(context, "SAML:aud", LocalSamlIdp.AWS_AUDIENCE);
        put(context, "SAML:sub", saml.subject());
        put(context, "SAML:iss", saml.issuer());
        if (!role.trust().allows(new TrustPolicy.Requester(null, principalArn), "sts:AssumeRoleWithSAML", context)) throw denied;
        int duration = saml.sessionDurationSeconds() == null ? requested : Math.min(requested, saml.sessionDurationSeconds());
        if (duration > role.maxSessionDuration().toSeconds()) {
            throw AwsError.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Caller session = Caller.assumedRole(role, saml.sessionName());
        Session issued = issue(session, duration, false, null);
        return new Xml().raw(credentials(issued.credentials()))
                .open("AssumedRoleUser").element("Arn", session.arn()).element("AssumedRoleId", session.userId()).close("AssumedRoleUser")
                .element("PackedPolicySize", packedPolicySize(policy, policyArns, List.of(), List.of()))
                .element("Subject", saml.subject())
                .element("SubjectType", "persistent")
                .element("Issuer", saml.issuer())
                .element("Audience", LocalSamlIdp.AWS_AUDIENCE);
    }

    private Xml getFederationToken(QueryParams p, Identity who) {
        if (who.temporary()) throw AwsError.accessDenied("Cannot call GetFederationToken with session credentials");
        String name = p.get("Name");
        String policy = p.get("Policy");
        List<String> policyArns = p.members("PolicyArns", "arn");
        Validation v = new Validation();
        v.required(name, "name").length(name, "name", 2, 32).pattern(name, "name", Validation.NAME_PATTERN);
        int duration = v.integer(p.get("DurationSeconds"), "durationSeconds", 900, 129600, 43200);
        v.count(policyArns, "policyArns", 10);
        v.check();
        checkPolicy(policy);
        Caller federated = Caller.federatedUser(who.caller().account(), name);
        Session issued = issue(federated, duration, false, null);
        return new Xml().raw(credentials(issued.credentials()))
                .open("FederatedUser").element("Arn", federated.arn()).element("FederatedUserId", federated.userId()).close("FederatedUser")
                .element("PackedPolicySize", packedPolicySize(policy, policyArns, List.of(), List.of()));
    }

    private static void roleParameters(Validation v, QueryParams p) {
        String roleArn = p.get("RoleArn");
        String sessionName = p.get("RoleSessionName");
        v.required(roleArn, "roleArn").length(roleArn, "roleArn", 20, 2048);
        v.required(sessionName, "roleSessionName").length(sessionName, "roleSessionName", 2, 64)
                .pattern(sessionName, "roleSessionName", Validation.NAME_PATTERN);
        v.length(p.get("Policy"), "policy", 1, 2048);
    }

    /** After the length checks: a RoleArn that is no role ARN at all. */
    private static void checkRoleArnFormat(String roleArn) {
        if (!ROLE_ARN.matcher(roleArn).matches()) throw AwsError.validation(roleArn + " is invalid");
    }

    private static void mfaParameters(Validation v, QueryParams p) {
        String serial = p.get("SerialNumber");
        String code = p.get("TokenCode");
        v.length(serial, "serialNumber", 9, 256).pattern(serial, "serialNumber", "[\\w+=/:,.@-]*");
        v.length(code, "tokenCode", 6, 6).pattern(code, "tokenCode", "[\\d]*");
    }

    private static void checkTags(List<String> keys, List<String> transitive) {
        Set<String> seen = new HashSet<>();
        for (String key : keys) {
            if (!seen.add(key.toLowerCase(Locale.ROOT))) {
                throw new AwsError(400, "InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
        for (String key : transitive) {
            if (!seen.contains(key.toLowerCase(Locale.ROOT))) {
                throw new AwsError(400, "InvalidParameterValue", "The specified transitive tag key must be included in the requested tags.");
            }
        }
    }

    private static void checkPolicy(String policy) {
        if (policy == null) return;
        try {
            if (Json.parse(policy) instanceof Map) return;
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new AwsError(400, "MalformedPolicyDocument", "The policy is not in the valid JSON format.");
    }

    /**
     * How much of the session's packed policy space the inline policy, managed policy ARNs and tags
     * use, in percent, or null when none was sent. AWS compresses; this is a plain, documented
     * estimate: characters of the policy outside whitespace, 64 per policy ARN and the characters
     * of the tags, against a budget of {@value #PACKED_POLICY_BUDGET}.
     */
    private static Integer packedPolicySize(String policy, List<String> policyArns, List<String> tagKeys, List<String> tagValues) {
        if (policy == null && policyArns.isEmpty() && tagKeys.isEmpty()) return null;
        long used = (policy == null ? 0 : policy.replaceAll("\\s", "").length()) + 64L * policyArns.size();
        for (String k : tagKeys) used += k.length();
        for (String t : tagValues) used += t.length();
        int percent = (int) Math.ceil(used * 100.0 / PACKED_POLICY_BUDGET);
        if (percent > 100) {
            throw new AwsError(400, "PackedPolicyTooLarge", "Packed policy consumes " + percent + "% of allotted space, please use smaller policy.");
        }
        return percent;
    }

    private Session issue(Caller caller, int durationSeconds, boolean mfa, String sourceIdentity) {
        Instant expiration = sts.now().plus(Duration.ofSeconds(durationSeconds)).truncatedTo(ChronoUnit.SECONDS);
        Session session = new Session(sts.ids().sessionCredentials(expiration), caller, mfa, sourceIdentity);
        sts.directory().addSession(session);
        return session;
    }

    private static Xml credentials(FakeCredentials c) {
        return new Xml().open("Credentials")
                .element("AccessKeyId", c.accessKeyId())
                .element("SecretAccessKey", c.secretAccessKey())
                .element("SessionToken", c.sessionToken())
                .element("Expiration", c.expiration().toString())
                .close("Credentials");
    }

    private static AwsError notAuthorized(Identity who, String action, String roleArn) {
        return AwsError.accessDenied("User: " + who.caller().arn() + " is not authorized to perform: " + action
                + " on resource: " + roleArn);
    }

    private static void put(Map<String, String> context, String key, String value) {
        if (value != null) context.put(key, value);
    }

    private static String valueAt(List<String> values, int i) {
        return i < values.size() ? values.get(i) : "";
    }
}
