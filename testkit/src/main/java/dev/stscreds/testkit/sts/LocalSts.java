package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.FakeCredentials;
import dev.stscreds.testkit.Faults;
import dev.stscreds.testkit.LoopbackHttp;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * A local AWS STS with a small IAM on 127.0.0.1, speaking the Query protocol with AWS's XML
 * answers, error codes and status codes. Every signed request is verified (SigV4, key status,
 * session token, expiry, 15-minute clock skew) against the server's {@link Clock}.
 *
 * <p>STS (version 2011-06-15, signed for {@code sts}): GetCallerIdentity, GetSessionToken (with
 * MFA), AssumeRole (trust policies with external id and MFA conditions, role chaining capped at
 * one hour), AssumeRoleWithWebIdentity (unsigned; tokens from {@link #issueWebIdentityToken}),
 * AssumeRoleWithSAML (unsigned; signature checked against a {@link #createSamlProvider} certificate),
 * GetFederationToken. IAM (version 2010-05-08, signed for {@code iam}): GetUser, ListMFADevices,
 * CreateAccessKey, UpdateAccessKey, DeleteAccessKey, ListAccessKeys. One endpoint answers both,
 * telling them apart by the service in the signature's credential scope.
 *
 * <pre>{@code
 * try (LocalSts sts = new LocalSts().clock(clock).start()) {
 *     sts.createUser("alice");
 *     AccessKey key = sts.createAccessKey("alice");
 *     VirtualMfa mfa = sts.createVirtualMfa("alice");
 *     String role = sts.createRole("Admin", """
 *         {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
 *           "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
 *           "Condition": {"StringEquals": {"sts:ExternalId": "x-123"}}}]}""");
 *     // point the client at sts.endpoint(); count its calls with sts.calls("AssumeRole")
 * }
 * }</pre>
 *
 * <p>The admin methods here act on the default account {@value #DEFAULT_ACCOUNT}; {@link #account(String)}
 * gives others. Configuration may change while the server runs; {@link #reset()} forgets everything.
 */
public final class LocalSts implements AutoCloseable {
    public static final String DEFAULT_ACCOUNT = "123456789012";
    /** The audience AWS's own web identity integrations use; registered with the testkit's OIDC provider from the start. */
    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";

    private final Directory directory = new Directory();
    private final WebIdentityTokens tokens = new WebIdentityTokens();
    private final Set<String> audiences = ConcurrentHashMap.newKeySet();
    private final Map<String, X509Certificate> samlProviders = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final LoopbackHttp http;

    private volatile Clock clock;
    private volatile Ids ids;

    public LocalSts() {
        QueryEndpoint endpoint = new QueryEndpoint(new Authenticator(directory), new StsActions(this).handlers(),
                new IamActions(this).handlers(), this::now, () -> ids.requestId());
        http = new LoopbackHttp("sts", endpoint::answer, this::count);
        reset();
    }

    /** Starts listening on a free loopback port; returns this server. */
    public LocalSts start() {
        http.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT}, the endpoint URL for both STS and IAM clients. */
    public URI endpoint() {
        return http.baseUri();
    }

    /** The clock that signatures, session lifetimes, token expiry and MFA codes are measured on. */
    public LocalSts clock(Clock c) {
        this.clock = c;
        return this;
    }

    /** The source of every id, secret and token handed out from now on. */
    public LocalSts random(RandomGenerator r) {
        this.ids = new Ids(r);
        return this;
    }

    public Faults faults() {
        return http.faults();
    }

    /** Requests received with this {@code Action} (faulty and refused answers included). */
    public int calls(String action) {
        AtomicInteger n = calls.get(action);
        return n == null ? 0 : n.get();
    }

    /** Requests received in all. */
    public int calls() {
        return http.requests();
    }

    /** Forget all users, keys, roles and sessions, disarm faults, zero the counters, system clock again. */
    public void reset() {
        http.faults().clear();
        http.resetCounters();
        calls.clear();
        directory.clear();
        audiences.clear();
        samlProviders.clear();
        audiences.add(DEFAULT_AUDIENCE);
        clock = Clock.systemUTC();
        ids = new Ids(new Random());
    }

    @Override
    public void close() {
        http.close();
    }

    /** The default account, {@value #DEFAULT_ACCOUNT}. */
    public Account account() {
        return account(DEFAULT_ACCOUNT);
    }

    /** Another account (12 digits) on the same server, for cross-account trust. */
    public Account account(String accountId) {
        return new Account(this, accountId);
    }

    /** Creates an IAM user in the default account; returns its ARN. */
    public String createUser(String name) {
        return account().createUser(name);
    }

    /** A new active access key for a user of the default account (at most two per user). */
    public AccessKey createAccessKey(String userName) {
        return account().createAccessKey(userName);
    }

    /** A new virtual MFA device for a user of the default account. */
    public VirtualMfa createVirtualMfa(String userName) {
        return account().createVirtualMfa(userName);
    }

    /** Creates a role in the default account, sessions of up to one hour; returns its ARN. */
    public String createRole(String name, String trustPolicyJson) {
        return account().createRole(name, trustPolicyJson);
    }

    /** Creates a role in the default account whose sessions last up to {@code maxSessionDuration} (1 to 12 hours). */
    public String createRole(String name, String trustPolicyJson, Duration maxSessionDuration) {
        return account().createRole(name, trustPolicyJson, maxSessionDuration);
    }

    /** Enables or disables a long-term access key of any account. */
    public void accessKeyStatus(String accessKeyId, AccessKey.Status status) {
        Directory.KeyEntry e = directory.accessKey(accessKeyId)
                .orElseThrow(() -> new IllegalArgumentException("no access key " + accessKeyId));
        directory.setStatus(e.account(), e.key().userName(), accessKeyId, status);
    }

    /** {@code https://oidc.stscreds.test}: the issuer of the testkit's web identity tokens. */
    public String oidcIssuer() {
        return WebIdentityTokens.ISSUER;
    }

    /** The ARN of the testkit's OIDC provider in the default account, for {@code "Principal": {"Federated": …}}. */
    public String oidcProviderArn() {
        return oidcProviderArn(DEFAULT_ACCOUNT);
    }

    /** Also accept tokens for this audience (client id); {@value #DEFAULT_AUDIENCE} is accepted from the start. */
    public LocalSts allowAudience(String audience) {
        audiences.add(audience);
        return this;
    }

    /** An RS256 JWT from the testkit's OIDC provider, issued now on the server's clock and valid for {@code ttl}. */
    public String issueWebIdentityToken(String subject, String audience, Duration ttl) {
        Instant now = now().truncatedTo(ChronoUnit.SECONDS);
        return tokens.issue(subject, audience, now, now.plus(ttl));
    }

    /**
     * Credentials of a session of an existing role, as IAM Identity Center hands them out: no caller and no
     * trust policy are asked, the session acts as {@code assumed-role/ROLE/SESSION} and lasts {@code duration}
     * on the server's clock. {@link IllegalArgumentException} when there is no such role.
     */
    public FakeCredentials issueRoleSession(String roleArn, String sessionName, Duration duration) {
        Role role = directory.role(roleArn).orElseThrow(() -> new IllegalArgumentException("no role " + roleArn));
        Instant expiration = now().plus(duration).truncatedTo(ChronoUnit.SECONDS);
        Session session = new Session(ids.sessionCredentials(expiration), Caller.assumedRole(role, sessionName), false, null);
        directory.addSession(session);
        return session.credentials();
    }

    /**
     * Credentials of a session that an AWS service starts for a role on a caller's behalf (IAM Roles
     * Anywhere, for one): the role's trust policy must allow {@code sts:AssumeRole} to the service principal
     * (e.g. {@code rolesanywhere.amazonaws.com}); the session lasts {@code duration}, capped by the role's
     * maximum. {@link IllegalArgumentException} when there is no such role, {@link SecurityException} when
     * the role does not trust the service.
     */
    public FakeCredentials issueServiceRoleSession(String roleArn, String servicePrincipal, String sessionName,
                                                   Duration duration) {
        Role role = directory.role(roleArn).orElseThrow(() -> new IllegalArgumentException("no role " + roleArn));
        if (!role.trust().allows(TrustPolicy.Requester.service(servicePrincipal), "sts:AssumeRole", Map.of())) {
            throw new SecurityException("the role " + roleArn + " does not trust " + servicePrincipal);
        }
        Duration capped = duration.compareTo(role.maxSessionDuration()) > 0 ? role.maxSessionDuration() : duration;
        return issueRoleSession(roleArn, sessionName, capped);
    }

    /**
     * Registers an IAM SAML provider in the default account that trusts assertions signed by this
     * certificate (e.g. {@code LocalSamlIdp.certificate()}); returns its ARN, for
     * {@code "Principal": {"Federated": …}} and the assertion's Role attribute.
     */
    public String createSamlProvider(String name, X509Certificate certificate) {
        String arn = "arn:aws:iam::" + DEFAULT_ACCOUNT + ":saml-provider/" + name;
        samlProviders.put(arn, certificate);
        return arn;
    }

    /** True when the role exists on this server. */
    public boolean hasRole(String roleArn) {
        return directory.role(roleArn).isPresent();
    }

    static String oidcProviderArn(String account) {
        return "arn:aws:iam::" + account + ":oidc-provider/" + WebIdentityTokens.ISSUER_HOST;
    }

    Instant now() {
        return clock.instant();
    }

    Ids ids() {
        return ids;
    }

    Directory directory() {
        return directory;
    }

    WebIdentityTokens tokens() {
        return tokens;
    }

    Map<String, X509Certificate> samlProviders() {
        return samlProviders;
    }

    Set<String> audiences() {
        return audiences;
    }

    /** A new active key for the user; {@code LimitExceeded} past two. */
    AccessKey newAccessKey(User user) {
        Ids source = ids;
        AccessKey key = new AccessKey(user.name(), source.accessKeyId(), source.secretAccessKey(), AccessKey.Status.Active,
                now().truncatedTo(ChronoUnit.SECONDS));
        directory.addAccessKey(user.account(), key);
        return key;
    }

    private void count(LoopbackHttp.Request request) {
        String action = request.formParameter("Action");
        if (action == null) {
            try {
                action = QueryParams.of(request.rawQuery(), null).get("Action");
            } catch (AwsError malformed) {
                return; // answered MalformedQueryString by the endpoint; no action to count
            }
        }
        if (action != null) calls.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
    }
}
