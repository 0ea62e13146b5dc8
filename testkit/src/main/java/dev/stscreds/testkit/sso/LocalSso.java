package dev.stscreds.testkit.sso;

import dev.stscreds.testkit.FakeCredentials;
import dev.stscreds.testkit.Faults;
import dev.stscreds.testkit.LoopbackHttp;
import dev.stscreds.testkit.LoopbackHttp.Answer;
import dev.stscreds.testkit.LoopbackHttp.Request;
import dev.stscreds.testkit.sts.LocalSts;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * A local AWS IAM Identity Center on 127.0.0.1: the SSO OIDC API and the SSO portal API on one
 * port, speaking REST-JSON as botocore and the AWS SDKs send it.
 *
 * <p>OIDC ({@code sso-oidc}): {@code POST /client/register} (RegisterClient),
 * {@code POST /device_authorization} (StartDeviceAuthorization), {@code GET /authorize} (the browser's
 * authorization page for the authorization code grant with PKCE: redirect URI checked against the
 * registration, any port for loopback ones; allowed unless {@link #denyAuthorizations}),
 * {@code POST /token} (CreateToken, device code, authorization code (PKCE S256 verified, redirect URI
 * checked, a code works once) and refresh token grants; OAuth errors {@code authorization_pending},
 * {@code slow_down}, {@code expired_token}, {@code access_denied}, {@code invalid_grant}).
 * Portal ({@code sso}): {@code GET /federation/credentials} (GetRoleCredentials),
 * {@code GET /assignment/accounts} (ListAccounts), {@code GET /assignment/roles}
 * (ListAccountRoles), {@code POST /logout}; each needs a live token in
 * {@code x-amz-sso_bearer_token}, else 401 {@code UnauthorizedException}.
 *
 * <pre>{@code
 * try (LocalSts sts = new LocalSts().clock(clock).start();
 *      LocalSso sso = new LocalSso(sts).clock(clock).start()) {
 *     sso.addAccount("123456789012", "dev", "dev@example.com");
 *     sso.addRole("123456789012", "ReadOnly");   // also a role on the LocalSts
 *     // a client starts a device authorization; the test plays the user:
 *     sso.approve(sso.pendingUserCodes().get(0));
 * }
 * }</pre>
 *
 * <p>With a {@link LocalSts}, role credentials are real sessions of that STS (so
 * GetCallerIdentity answers {@code assumed-role/ROLE/USER}); without one they are
 * {@link FakeCredentials}. Tokens, device codes and registrations expire on the injected clock.
 */
public final class LocalSso implements AutoCloseable {
    public static final String DEFAULT_USER = "alice";

    private final LocalSts sts;
    private final SsoDirectory directory = new SsoDirectory();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger forcedSlowDowns = new AtomicInteger();
    private final LoopbackHttp http;
    private final OidcApi oidc = new OidcApi(this);
    private final PortalApi portal = new PortalApi(this);

    private volatile Clock clock = Clock.systemUTC();
    private volatile SsoIds ids = new SsoIds(new Random());
    private volatile int pageSize = 20;
    private volatile Duration tokenLifetime = Duration.ofHours(8);
    private volatile Duration deviceCodeLifetime = Duration.ofMinutes(10);
    private volatile Duration registrationLifetime = Duration.ofDays(90);
    private volatile Duration pollInterval = Duration.ofSeconds(1);
    private volatile Duration roleSessionDuration = Duration.ofHours(1);
    private volatile String userName = DEFAULT_USER;
    private volatile boolean autoApprove;
    private volatile boolean denyAuthorizations;

    /** Role credentials are {@link FakeCredentials}. */
    public LocalSso() {
        this(null);
    }

    /** Role credentials are sessions of {@code sts} (which may be null for fake ones). */
    public LocalSso(LocalSts sts) {
        this.sts = sts;
        this.http = new LoopbackHttp("sso", this::answer, this::count);
    }

    public LocalSso start() {
        http.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint URL of both the OIDC and the portal API. */
    public URI endpoint() {
        return http.baseUri();
    }

    public LocalSso clock(Clock c) {
        this.clock = c;
        return this;
    }

    public LocalSso random(RandomGenerator r) {
        this.ids = new SsoIds(r);
        return this;
    }

    public Faults faults() {
        return http.faults();
    }

    /** ListAccounts and ListAccountRoles answer at most this many items a page (default 20). */
    public LocalSso pageSize(int size) {
        if (size < 1) throw new IllegalArgumentException("page size must be at least 1");
        this.pageSize = size;
        return this;
    }

    /** How long access tokens last (default 8 hours). */
    public LocalSso tokenLifetime(Duration d) {
        this.tokenLifetime = d;
        return this;
    }

    /** How long a device code waits for the user (default 10 minutes). */
    public LocalSso deviceCodeLifetime(Duration d) {
        this.deviceCodeLifetime = d;
        return this;
    }

    /** The polling interval StartDeviceAuthorization asks for (default 1 second); faster polls get {@code slow_down}. */
    public LocalSso pollInterval(Duration d) {
        this.pollInterval = d;
        return this;
    }

    /** How long role credentials last (default 1 hour). */
    public LocalSso roleSessionDuration(Duration d) {
        this.roleSessionDuration = d;
        return this;
    }

    /** The user who approves device codes; role sessions are named after them (default {@value #DEFAULT_USER}). */
    public LocalSso userName(String name) {
        this.userName = name;
        return this;
    }

    /** Assigns the user an account. */
    public LocalSso addAccount(String accountId, String name, String email) {
        if (!accountId.matches("\\d{12}")) throw new IllegalArgumentException("an account id has 12 digits: " + accountId);
        directory.addAccount(accountId, name, email);
        return this;
    }

    /** Assigns the user a role in an account added before; with a LocalSts the role is created there too. */
    public LocalSso addRole(String accountId, String roleName) {
        directory.addRole(accountId, roleName);
        if (sts != null && !sts.hasRole(roleArn(accountId, roleName))) {
            sts.account(accountId).createRole(roleName, "{\"Statement\": [{\"Effect\": \"Allow\", "
                    + "\"Action\": \"sts:AssumeRoleWithSAML\", \"Principal\": {\"Federated\": \"arn:aws:iam::" + accountId
                    + ":saml-provider/AWSSSO_DO_NOT_DELETE\"}}]}", Duration.ofHours(12));
        }
        return this;
    }

    /** The user codes of device authorizations still waiting for the user, oldest first. */
    public List<String> pendingUserCodes() {
        return directory.pendingUserCodes();
    }

    /** The user signs in and allows the device authorization with this code. */
    public void approve(String userCode) {
        if (!directory.decide(userCode, SsoDirectory.GrantStatus.APPROVED)) {
            throw new IllegalArgumentException("no pending device authorization with user code " + userCode);
        }
    }

    /**
     * When on, every new device authorization is approved at once, as if the user were already signed
     * in: a client's first poll gets its token (for tests of whole commands that cannot wait for a user).
     */
    public LocalSso autoApprove(boolean on) {
        this.autoApprove = on;
        return this;
    }

    /** When on, the user refuses every browser authorization ({@code GET /authorize}): the browser comes back with {@code error=access_denied}. */
    public LocalSso denyAuthorizations(boolean on) {
        this.denyAuthorizations = on;
        return this;
    }

    boolean deniesAuthorizations() {
        return denyAuthorizations;
    }

    /** The user refuses the device authorization with this code; the client then gets {@code access_denied}. */
    public void deny(String userCode) {
        if (!directory.decide(userCode, SsoDirectory.GrantStatus.DENIED)) {
            throw new IllegalArgumentException("no pending device authorization with user code " + userCode);
        }
    }

    /** The next {@code n} CreateToken polls get {@code slow_down}, however slowly they come. */
    public void slowDown(int n) {
        forcedSlowDowns.addAndGet(n);
    }

    /** Every token handed out so far expires now (on the server's clock); refresh tokens stay usable. */
    public void expireTokens() {
        directory.expireAll(now());
    }

    /** Forgets every token, as a sign-out everywhere would: they get 401, refresh tokens {@code invalid_grant}. */
    public void revokeTokens() {
        directory.revokeAll();
    }

    /** Requests received for this operation, e.g. {@code "CreateToken"} or {@code "GetRoleCredentials"}. */
    public int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /** Forget clients, codes, tokens and assignments, disarm faults and zero the counters. */
    public void reset() {
        http.faults().clear();
        http.resetCounters();
        calls.clear();
        forcedSlowDowns.set(0);
        denyAuthorizations = false;
        directory.clear();
    }

    @Override
    public void close() {
        http.close();
    }

    static String roleArn(String accountId, String roleName) {
        return "arn:aws:iam::" + accountId + ":role/" + roleName;
    }

    FakeCredentials roleCredentials(String accountId, String roleName) {
        if (sts != null) return sts.issueRoleSession(roleArn(accountId, roleName), userName, roleSessionDuration);
        return ids.credentials(now().plus(roleSessionDuration));
    }

    boolean takeForcedSlowDown() {
        return forcedSlowDowns.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    Instant now() {
        return clock.instant();
    }

    SsoIds ids() {
        return ids;
    }

    SsoDirectory directory() {
        return directory;
    }

    int pageSize() {
        return pageSize;
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    Duration deviceCodeLifetime() {
        return deviceCodeLifetime;
    }

    Duration registrationLifetime() {
        return registrationLifetime;
    }

    boolean autoApproves() {
        return autoApprove;
    }

    Duration pollInterval() {
        return pollInterval;
    }

    private Answer answer(Request request) {
        try {
            return switch (operation(request)) {
                case "RegisterClient" -> oidc.registerClient(request);
                case "StartDeviceAuthorization" -> oidc.startDeviceAuthorization(request);
                case "CreateToken" -> oidc.createToken(request);
                case "Authorize" -> oidc.authorize(request);
                case "GetRoleCredentials" -> portal.getRoleCredentials(request);
                case "ListAccounts" -> portal.listAccounts(request);
                case "ListAccountRoles" -> portal.listAccountRoles(request);
                case "Logout" -> portal.logout(request);
                default -> SsoError.portal(404, "UnknownOperationException", "No operation at "
                        + request.method() + " " + request.path()).answer();
            };
        } catch (SsoError e) {
            return e.answer();
        }
    }

    private static String operation(Request request) {
        String route = request.method() + " " + request.path();
        return switch (route) {
            case "POST /client/register" -> "RegisterClient";
            case "POST /device_authorization" -> "StartDeviceAuthorization";
            case "GET /authorize" -> "Authorize";
            case "POST /token" -> request.rawQuery() == null ? "CreateToken" : "Unknown";
            case "GET /federation/credentials" -> "GetRoleCredentials";
            case "GET /assignment/accounts" -> "ListAccounts";
            case "GET /assignment/roles" -> "ListAccountRoles";
            case "POST /logout" -> "Logout";
            default -> "Unknown";
        };
    }

    private void count(Request request) {
        calls.computeIfAbsent(operation(request), o -> new AtomicInteger()).incrementAndGet();
    }
}
