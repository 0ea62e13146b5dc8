package dev.stscreds.testkit.signin;

import dev.stscreds.testkit.FakeCredentials;
import dev.stscreds.testkit.Faults;
import dev.stscreds.testkit.Json;
import dev.stscreds.testkit.LoopbackHttp;
import dev.stscreds.testkit.LoopbackHttp.Answer;
import dev.stscreds.testkit.LoopbackHttp.Request;
import dev.stscreds.testkit.sts.LocalSts;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * A local AWS sign-in service on 127.0.0.1, as {@code aws login} and the SDKs' login providers use it:
 * <ul>
 *   <li>{@code GET /v1/authorize?response_type=code&client_id=…&state=…&code_challenge=…&code_challenge_method=SHA-256
 *       &scope=openid&redirect_uri=…}: the browser's sign-in page. The user (the test) has decided beforehand
 *       whether to allow it ({@link #denySignIns}); the answer is a 302 to {@code redirect_uri} with
 *       {@code code} and {@code state}, or {@code error=access_denied}. Same-device clients must redirect to
 *       {@code http://127.0.0.1:PORT/oauth/callback}, cross-device ones to this service's
 *       {@code /v1/sessions/confirmation}, which shows the code to paste: base64 of {@code state=…&code=…}.</li>
 *   <li>{@code POST /v1/token} (CreateOAuth2Token, unsigned, JSON): the {@code authorization_code} grant
 *       (PKCE verifier checked against the challenge, redirect URI and client checked, a code works once
 *       and for 5 minutes) and the {@code refresh_token} grant. Every call needs a DPoP proof: a valid ES256
 *       signature by the {@code jwk} in it, {@code htm} POST, {@code htu} this endpoint's token URL,
 *       {@code iat} within 5 minutes of the clock, a {@code jti} never seen before; and a refresh must be
 *       proved with the key the session was bound to at sign-in.</li>
 * </ul>
 * Sessions give 15-minute credentials ({@link #credentialLifetime}) and end 12 hours after the
 * sign-in on the injected clock ({@code 401 TOKEN_EXPIRED}); {@link #changeUserCredentials()} and
 * {@link #insufficientPermissions} make refreshes answer {@code USER_CREDENTIALS_CHANGED} and
 * {@code INSUFFICIENT_PERMISSIONS} (403). Errors are {@code {"error": CODE, "message": …}} with the
 * type in {@code x-amzn-errortype}, as the service's model describes. With a {@link LocalSts} whose
 * role the identity names, credentials are real sessions of that STS.
 */
public final class LocalSignin implements AutoCloseable {
    public static final String SAME_DEVICE = "arn:aws:signin:::devtools/same-device";
    public static final String CROSS_DEVICE = "arn:aws:signin:::devtools/cross-device";
    public static final String DEFAULT_IDENTITY = "arn:aws:sts::" + LocalSts.DEFAULT_ACCOUNT + ":assumed-role/Admin/alice";
    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    static final Duration PROOF_WINDOW = Duration.ofMinutes(5);

    private record AuthCode(String clientId, String redirectUri, String challenge, String identity, Instant expiresAt) {}

    /** One sign-in: who, since when, and the key its refresh tokens are bound to. */
    private static final class SignedIn {
        final String identity;
        final String clientId;
        final Instant since;
        final String thumbprint;
        volatile boolean expired;

        SignedIn(String identity, String clientId, Instant since, String thumbprint) {
            this.identity = identity;
            this.clientId = clientId;
            this.since = since;
            this.thumbprint = thumbprint;
        }
    }

    private final LocalSts sts;
    private final LoopbackHttp http;
    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    private final Map<String, SignedIn> sessionsByRefreshToken = new ConcurrentHashMap<>();
    private final Set<String> seenJtis = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final KeyPair idTokenKey = idTokenKey();

    private volatile Clock clock = Clock.systemUTC();
    private volatile RandomGenerator random = new Random();
    private volatile String identity = DEFAULT_IDENTITY;
    private volatile Duration credentialLifetime = Duration.ofMinutes(15);
    private volatile Duration sessionLifetime = Duration.ofHours(12);
    private volatile boolean deny;
    private volatile boolean credentialsChanged;
    private volatile boolean insufficientPermissions;

    /** Credentials are {@link FakeCredentials}. */
    public LocalSignin() {
        this(null);
    }

    /** Credentials are sessions of {@code sts} when the identity is a role there. */
    public LocalSignin(LocalSts sts) {
        this.sts = sts;
        this.http = new LoopbackHttp("signin", this::answer, this::count);
    }

    public LocalSignin start() {
        http.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT}: the base URL ({@code AWS_ENDPOINT_URL_SIGNIN}). */
    public URI endpoint() {
        return http.baseUri();
    }

    public LocalSignin clock(Clock c) {
        this.clock = c;
        return this;
    }

    public LocalSignin random(RandomGenerator r) {
        this.random = r;
        return this;
    }

    public Faults faults() {
        return http.faults();
    }

    /** Who signs in: an {@code assumed-role} or {@code user} ARN (default {@value #DEFAULT_IDENTITY}). */
    public LocalSignin identity(String arn) {
        this.identity = arn;
        return this;
    }

    /** How long the credentials of each answer last ({@code expiresIn}; default 15 minutes). */
    public LocalSignin credentialLifetime(Duration d) {
        this.credentialLifetime = d;
        return this;
    }

    /** How long after the sign-in refreshes work (default 12 hours). */
    public LocalSignin sessionLifetime(Duration d) {
        this.sessionLifetime = d;
        return this;
    }

    /** When on, the user refuses every sign-in: the browser is sent back with {@code error=access_denied}. */
    public LocalSignin denySignIns(boolean on) {
        this.deny = on;
        return this;
    }

    /** Every session so far has ended: refreshes answer {@code TOKEN_EXPIRED}. */
    public void expireSessions() {
        sessionsByRefreshToken.values().forEach(s -> s.expired = true);
    }

    /** The user's password changed: refreshes answer {@code USER_CREDENTIALS_CHANGED}. */
    public void changeUserCredentials() {
        this.credentialsChanged = true;
    }

    /** When on, refreshes answer {@code INSUFFICIENT_PERMISSIONS} (the identity may not call signin:CreateOAuth2Token). */
    public LocalSignin insufficientPermissions(boolean on) {
        this.insufficientPermissions = on;
        return this;
    }

    /** Requests for {@code Authorize}, {@code Confirmation} or {@code CreateOAuth2Token}. */
    public int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /** CreateOAuth2Token calls with the refresh token grant that were answered with credentials. */
    public int refreshes() {
        return calls("refresh_token:ok");
    }

    public void reset() {
        http.faults().clear();
        http.resetCounters();
        calls.clear();
        codes.clear();
        sessionsByRefreshToken.clear();
        seenJtis.clear();
        deny = false;
        credentialsChanged = false;
        insufficientPermissions = false;
        identity = DEFAULT_IDENTITY;
    }

    @Override
    public void close() {
        http.close();
    }

    private Answer answer(Request request) {
        try {
            String route = request.method() + " " + request.path();
            return switch (route) {
                case "GET /v1/authorize" -> authorize(query(request));
                case "GET /v1/sessions/confirmation" -> confirmation(query(request));
                case "POST /v1/token" -> token(request);
                default -> Answer.text(404, "no such page: " + route);
            };
        } catch (Refusal r) {
            return r.answer();
        }
    }

    private Answer authorize(Map<String, String> q) {
        if (!"code".equals(q.get("response_type"))) return page(400, "response_type must be code");
        String clientId = q.getOrDefault("client_id", "");
        if (!clientId.equals(SAME_DEVICE) && !clientId.equals(CROSS_DEVICE)) return page(400, "unknown client_id");
        String redirect = q.getOrDefault("redirect_uri", "");
        if (!redirectAllowed(clientId, redirect)) return page(400, "redirect_uri is not allowed for this client");
        String challenge = q.getOrDefault("code_challenge", "");
        String method = q.getOrDefault("code_challenge_method", "");
        if (!(method.equals("SHA-256") || method.equals("S256")) || challenge.length() < 43) {
            return page(400, "a PKCE code_challenge with code_challenge_method SHA-256 is required");
        }
        String state = q.get("state");
        if (state == null || state.isEmpty()) return page(400, "state is required");
        if (deny) {
            return redirect(redirect, Map.of("error", "access_denied", "error_description", "The user denied the sign-in",
                    "state", state));
        }
        String code = text(48);
        codes.put(code, new AuthCode(clientId, redirect, stripPadding(challenge), identity, clock.instant().plus(CODE_LIFETIME)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", state);
        return redirect(redirect, params);
    }

    private boolean redirectAllowed(String clientId, String redirect) {
        if (clientId.equals(CROSS_DEVICE)) return redirect.equals(endpoint() + "/v1/sessions/confirmation");
        try {
            URI uri = URI.create(redirect);
            return "http".equals(uri.getScheme()) && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()))
                    && uri.getPort() > 0 && "/oauth/callback".equals(uri.getPath()) && uri.getQuery() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The page a remote sign-in ends on: the code to paste into the terminal. */
    private Answer confirmation(Map<String, String> q) {
        if (q.get("error") != null) return page(200, "Sign-in refused: " + q.get("error"));
        String pasted = Base64.getEncoder().encodeToString(("state=" + q.getOrDefault("state", "") + "&code="
                + q.getOrDefault("code", "")).getBytes(StandardCharsets.UTF_8));
        return Answer.of(200, "text/html; charset=utf-8", "<html><body><p>Paste this code into your terminal:</p>"
                + "<code id=\"verification-code\">" + pasted + "</code></body></html>");
    }

    private Answer token(Request request) {
        Map<String, Object> in = body(request);
        DpopProof proof;
        try {
            proof = DpopProof.verify(request.header("DPoP"));
        } catch (DpopProof.Invalid e) {
            throw Refusal.invalid(e.getMessage());
        }
        if (!"POST".equals(proof.htm())) throw Refusal.invalid("the DPoP proof's htm is not POST");
        if (!(endpoint() + "/v1/token").equals(proof.htu())) throw Refusal.invalid("the DPoP proof's htu is not " + endpoint() + "/v1/token");
        Instant now = clock.instant();
        if (proof.issuedAt().isBefore(now.minus(PROOF_WINDOW)) || proof.issuedAt().isAfter(now.plus(PROOF_WINDOW))) {
            throw Refusal.invalid("the DPoP proof's iat is more than 5 minutes from the server's time");
        }
        if (!seenJtis.add(proof.jti())) throw Refusal.invalid("the DPoP proof's jti was used before (replayed proof)");
        String clientId = string(in, "clientId");
        String grantType = string(in, "grantType");
        if (!clientId.equals(SAME_DEVICE) && !clientId.equals(CROSS_DEVICE)) throw Refusal.invalid("unknown clientId");
        return switch (grantType) {
            case "authorization_code" -> redeem(in, clientId, proof, now);
            case "refresh_token" -> refresh(in, clientId, proof, now);
            default -> throw Refusal.invalid("grantType must be authorization_code or refresh_token");
        };
    }

    private Answer redeem(Map<String, Object> in, String clientId, DpopProof proof, Instant now) {
        String code = string(in, "code");
        AuthCode issued = codes.remove(code); // a code works once, whatever happens next
        if (issued == null) throw Refusal.invalid("the authorization code is unknown or was used before");
        if (!now.isBefore(issued.expiresAt())) throw new Refusal(401, "AccessDeniedException", "AUTHCODE_EXPIRED",
                "The authorization code has expired");
        if (!issued.clientId().equals(clientId)) throw Refusal.invalid("the authorization code was issued to another client");
        if (!issued.redirectUri().equals(in.get("redirectUri"))) {
            throw Refusal.invalid("redirectUri does not match the one of the authorization request");
        }
        String verifier = string(in, "codeVerifier");
        if (!verifier.matches("[A-Za-z0-9\\-._~]{43,128}")) throw Refusal.invalid("codeVerifier must be 43-128 unreserved characters");
        if (!sha256Url(verifier).equals(issued.challenge())) throw Refusal.invalid("the PKCE code verifier does not match the challenge");
        SignedIn session = new SignedIn(issued.identity(), clientId, now, proof.thumbprint());
        count("authorization_code:ok");
        return issue(session, true, now);
    }

    private Answer refresh(Map<String, Object> in, String clientId, DpopProof proof, Instant now) {
        SignedIn session = sessionsByRefreshToken.get(string(in, "refreshToken"));
        if (session == null || !session.clientId.equals(clientId)) throw Refusal.invalid("the refresh token is not valid");
        if (session.expired || !now.isBefore(session.since.plus(sessionLifetime))) {
            throw new Refusal(401, "AccessDeniedException", "TOKEN_EXPIRED", "The session has expired");
        }
        if (credentialsChanged) {
            throw new Refusal(403, "AccessDeniedException", "USER_CREDENTIALS_CHANGED", "The user's credentials have changed");
        }
        if (insufficientPermissions) {
            throw new Refusal(403, "AccessDeniedException", "INSUFFICIENT_PERMISSIONS",
                    "User is not authorized to perform: signin:CreateOAuth2Token");
        }
        if (!session.thumbprint.equals(proof.thumbprint())) {
            throw Refusal.invalid("the DPoP proof's key is not the key this refresh token is bound to");
        }
        count("refresh_token:ok");
        return issue(session, false, now);
    }

    private Answer issue(SignedIn session, boolean withIdToken, Instant now) {
        FakeCredentials c = credentials(session.identity, now);
        String refreshToken = "rt-" + text(96);
        sessionsByRefreshToken.put(refreshToken, session);
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("accessKeyId", c.accessKeyId());
        access.put("secretAccessKey", c.secretAccessKey());
        access.put("sessionToken", c.sessionToken());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accessToken", access);
        out.put("tokenType", "aws_sigv4");
        out.put("expiresIn", credentialLifetime.getSeconds());
        out.put("refreshToken", refreshToken);
        if (withIdToken) out.put("idToken", idToken(session));
        return Answer.json(200, Json.write(out));
    }

    private FakeCredentials credentials(String arn, Instant now) {
        // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION → a session of that role on the local STS
        String[] parts = arn.split(":", 6);
        if (sts != null && parts.length == 6 && parts[5].startsWith("assumed-role/")) {
            String[] path = parts[5].split("/");
            String roleArn = "arn:aws:iam::" + parts[4] + ":role/" + path[1];
            if (sts.hasRole(roleArn)) return sts.issueRoleSession(roleArn, path[2], credentialLifetime);
        }
        return FakeCredentials.generate(random, now.plus(credentialLifetime));
    }

    /** An ES256 JWT naming the signed-in identity in {@code sub}, as the real service's ID token does. */
    private String idToken(SignedIn session) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"local-signin\"}".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", endpoint().toString());
        claims.put("sub", session.identity);
        claims.put("aud", session.clientId);
        claims.put("iat", session.since.getEpochSecond());
        claims.put("exp", session.since.plus(sessionLifetime).getEpochSecond());
        String payload = url.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(idTokenKey.getPrivate());
            s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + url.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer redirect(String target, Map<String, String> params) {
        StringBuilder location = new StringBuilder(target);
        char sep = target.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            location.append(sep).append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return Answer.of(302, "text/html; charset=utf-8", "<html><body>Redirecting…</body></html>")
                .withHeader("Location", location.toString());
    }

    private static Answer page(int status, String text) {
        return Answer.of(status, "text/html; charset=utf-8", "<html><body><p>" + text.replace("<", "&lt;") + "</p></body></html>");
    }

    private static Map<String, String> query(Request request) {
        Map<String, String> q = new LinkedHashMap<>();
        if (request.rawQuery() == null) return q;
        for (String pair : request.rawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            q.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Request request) {
        try {
            Object parsed = Json.parse(new String(request.body(), StandardCharsets.UTF_8));
            if (parsed instanceof Map<?, ?> map) return (Map<String, Object>) map;
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw Refusal.invalid("the body is not a JSON object");
    }

    private static String string(Map<String, Object> in, String name) {
        if (in.get(name) instanceof String s && !s.isEmpty()) return s;
        throw Refusal.invalid(name + " is required");
    }

    static String sha256Url(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripPadding(String challenge) {
        return challenge.replaceAll("=+$", "");
    }

    private String text(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return s.toString();
    }

    private void count(Request request) {
        String op = switch (request.path()) {
            case "/v1/authorize" -> "Authorize";
            case "/v1/sessions/confirmation" -> "Confirmation";
            case "/v1/token" -> "CreateOAuth2Token";
            default -> "Unknown";
        };
        count(op);
    }

    private void count(String key) {
        calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private static KeyPair idTokenKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An error answer: the type in {@code x-amzn-errortype}, {@code {"error", "message"}} in the body. */
    private static final class Refusal extends RuntimeException {
        final int status;
        final String type;
        final String code;

        Refusal(int status, String type, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
            this.code = code;
        }

        static Refusal invalid(String message) {
            return new Refusal(400, "ValidationException", "INVALID_REQUEST", message);
        }

        Answer answer() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", code);
            body.put("message", getMessage());
            return Answer.json(status, Json.write(body)).withHeader("x-amzn-errortype", type + ":");
        }
    }
}
