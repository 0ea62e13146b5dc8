package dev.stscreds.wire.sts;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.wire.Timestamps;
import dev.stscreds.wire.query.AwsServiceException;
import dev.stscreds.wire.query.QueryClient;
import dev.stscreds.wire.query.QueryForm;
import dev.stscreds.wire.query.XmlElement;
import dev.stscreds.wire.net.Network;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The STS operations stscreds uses, over the Query protocol (version 2011-06-15). Thread-safe;
 * one client per endpoint and signing region.
 */
public final class StsClient {
    static final String VERSION = "2011-06-15";
    private static final Pattern TOKEN_CODE = Pattern.compile("\\d{6}");

    private final QueryClient query;
    private final Clock clock;

    public StsClient(QueryClient query, Clock clock) {
        this.query = Objects.requireNonNull(query);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A client for {@code endpoint}, signing for {@code region}, with default timeouts and retries. */
    public static StsClient create(URI endpoint, String region, Clock clock) {
        return create(endpoint, region, clock, Network.JDK_DEFAULT);
    }

    /** A client that reaches STS through these proxies and trust settings. */
    public static StsClient create(URI endpoint, String region, Clock clock, Network network) {
        return new StsClient(QueryClient.builder("sts", endpoint, region).clock(clock).network(network).build(), clock);
    }

    public URI endpoint() {
        return query.endpoint();
    }

    /**
     * AssumeRole as {@code caller}.
     *
     * @param tokenCode the MFA code when the request has a serial number, else null
     */
    public StsSession assumeRole(Credentials caller, AssumeRoleRequest request, String tokenCode) {
        QueryForm form = QueryForm.of("AssumeRole", VERSION)
                .add("RoleArn", request.roleArn())
                .add("RoleSessionName", request.roleSessionName().orElseGet(this::generatedSessionName))
                .add("DurationSeconds", request.duration().map(d -> Long.toString(d.getSeconds())).orElse(null))
                .add("ExternalId", request.externalId().orElse(null))
                .add("Policy", request.policy().orElse(null))
                .add("SourceIdentity", request.sourceIdentity().orElse(null));
        for (int i = 0; i < request.policyArns().size(); i++) {
            form.add("PolicyArns.member." + (i + 1) + ".arn", request.policyArns().get(i));
        }
        int n = 1;
        for (Map.Entry<String, String> tag : request.tags().entrySet()) {
            form.add("Tags.member." + n + ".Key", tag.getKey()).add("Tags.member." + n + ".Value", tag.getValue());
            n++;
        }
        form.addList("TransitiveTagKeys", request.transitiveTagKeys());
        if (request.serialNumber().isPresent()) {
            form.add("SerialNumber", request.serialNumber().get()).add("TokenCode", checkedCode(tokenCode));
        }
        XmlElement result = query.call(form, caller);
        return session(result, "AssumeRole", "sts AssumeRole " + request.roleArn());
    }

    /** GetSessionToken as {@code caller}, with MFA when {@code serialNumber} is not null. */
    public StsSession getSessionToken(Credentials caller, Duration duration, String serialNumber, String tokenCode) {
        if (duration != null && (duration.getSeconds() < 900 || duration.getSeconds() > 129_600)) {
            throw new CredentialsException("GetSessionToken duration " + duration.getSeconds() + " s is outside 900–129600 s",
                    "use between 15 minutes and 36 hours (1 hour for root credentials)");
        }
        QueryForm form = QueryForm.of("GetSessionToken", VERSION)
                .add("DurationSeconds", duration == null ? null : Long.toString(duration.getSeconds()));
        if (serialNumber != null) form.add("SerialNumber", serialNumber).add("TokenCode", checkedCode(tokenCode));
        return session(query.call(form, caller), "GetSessionToken", "sts GetSessionToken");
    }

    /** AssumeRoleWithWebIdentity, unsigned: the token is the proof. */
    public StsSession assumeRoleWithWebIdentity(String roleArn, String sessionName, String webIdentityToken, Duration duration) {
        AssumeRoleRequest.Builder check = AssumeRoleRequest.builder(roleArn).roleSessionName(sessionName).duration(duration);
        check.build();
        QueryForm form = QueryForm.of("AssumeRoleWithWebIdentity", VERSION)
                .add("RoleArn", roleArn)
                .add("RoleSessionName", sessionName == null ? generatedSessionName() : sessionName)
                .add("WebIdentityToken", webIdentityToken)
                .add("DurationSeconds", duration == null ? null : Long.toString(duration.getSeconds()));
        return session(query.call(form, null), "AssumeRoleWithWebIdentity", "sts AssumeRoleWithWebIdentity " + roleArn);
    }

    /**
     * AssumeRoleWithSAML, unsigned: the IdP's signed assertion (base64 SAMLResponse) is the proof. The
     * assertion goes only into the request body, never into a message.
     */
    public StsSession assumeRoleWithSaml(String roleArn, String principalArn, String samlAssertion, Duration duration) {
        AssumeRoleRequest.builder(roleArn).duration(duration).build();
        QueryForm form = QueryForm.of("AssumeRoleWithSAML", VERSION)
                .add("RoleArn", roleArn)
                .add("PrincipalArn", principalArn)
                .add("SAMLAssertion", samlAssertion)
                .add("DurationSeconds", duration == null ? null : Long.toString(duration.getSeconds()));
        return session(query.call(form, null), "AssumeRoleWithSAML", "sts AssumeRoleWithSAML " + roleArn);
    }

    public CallerIdentity getCallerIdentity(Credentials caller) {
        XmlElement r = query.call(QueryForm.of("GetCallerIdentity", VERSION), caller);
        return new CallerIdentity(required(r, "GetCallerIdentity", "UserId"), required(r, "GetCallerIdentity", "Account"),
                required(r, "GetCallerIdentity", "Arn"));
    }

    /** GetFederationToken, for console sign-in of IAM users. */
    public StsSession getFederationToken(Credentials caller, String name, String policy, Duration duration) {
        QueryForm form = QueryForm.of("GetFederationToken", VERSION)
                .add("Name", name)
                .add("Policy", policy)
                .add("DurationSeconds", duration == null ? null : Long.toString(duration.getSeconds()));
        return session(query.call(form, caller), "GetFederationToken", "sts GetFederationToken " + name);
    }

    /** A session name for calls that have none configured: unique per call, within STS's pattern. */
    private String generatedSessionName() {
        return "stscreds-" + clock.millis();
    }

    private static String checkedCode(String tokenCode) {
        String code = tokenCode == null ? "" : tokenCode.trim();
        if (!TOKEN_CODE.matcher(code).matches()) {
            throw new CredentialsException("an MFA code must be exactly 6 digits",
                    "give the current code of the MFA device, e.g. --mfa-token 123456");
        }
        return code;
    }

    private StsSession session(XmlElement result, String action, String source) {
        String expiration = required(result, action, "Credentials", "Expiration");
        Optional<String> roleArn = result.textAt("AssumedRoleUser", "Arn").or(() -> result.textAt("FederatedUser", "Arn"));
        Credentials credentials = Credentials.builder()
                .accessKeyId(required(result, action, "Credentials", "AccessKeyId"))
                .secretAccessKey(required(result, action, "Credentials", "SecretAccessKey"))
                .sessionToken(required(result, action, "Credentials", "SessionToken"))
                .expiration(Timestamps.parseIso(expiration, "Expiration in the " + action + " answer of " + query.endpoint()))
                .accountId(roleArn.map(StsClient::accountOf).orElse(null))
                .source(source)
                .build();
        return new StsSession(credentials, expiration,
                result.textAt("AssumedRoleUser", "AssumedRoleId"), roleArn, result.textAt("SourceIdentity"),
                result.textAt("PackedPolicySize").map(Integer::valueOf), Optional.empty());
    }

    private String required(XmlElement result, String action, String... path) {
        return result.textAt(path).orElseThrow(() -> new AwsServiceException(action, query.endpoint().toString(), 502,
                "MalformedAnswer", "the answer has no " + String.join("/", path), null));
    }

    /** The account of an ARN such as {@code arn:aws:sts::123456789012:assumed-role/R/S}. */
    static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length >= 5 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }
}
