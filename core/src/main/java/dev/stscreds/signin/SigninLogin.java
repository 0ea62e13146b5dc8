package dev.stscreds.signin;

import dev.stscreds.CredentialsException;
import dev.stscreds.oauth.AuthorizationResponse;
import dev.stscreds.oauth.LoopbackRedirect;
import dev.stscreds.oauth.Pkce;
import dev.stscreds.wire.JsonDocument;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Creates a sign-in session as {@code aws login} does: the user signs in to the AWS console in a
 * browser (authorization code with PKCE), the code is redeemed with a new DPoP key, and the session
 * (credentials, refresh token, ID token, key) is cached under its {@code login_session} ARN, which
 * the ID token's {@code sub} names. Same device: the browser comes back to a loopback redirect.
 * Remote: the browser shows a code that the user types into the terminal.
 */
public final class SigninLogin {
    /** How long the loopback redirect waits for the browser, as the AWS CLI. */
    public static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(10);
    private static final String SERVICE = "the AWS sign-in service";

    /** A session signed in: its {@code login_session} value, its cache file and its token. */
    public record Result(String loginSession, Path file, LoginToken token) {}

    private final SigninClient client;
    private final LoginTokenCache cache;
    private final Clock clock;
    private final SecureRandom random;
    private final String again;

    /** @param again the command that starts over, for hints, e.g. {@code stscreds login --profile dev} */
    public SigninLogin(SigninClient client, LoginTokenCache cache, Clock clock, SecureRandom random, String again) {
        this.client = client;
        this.cache = cache;
        this.clock = clock;
        this.random = random;
        this.again = again;
    }

    /**
     * Signs in with a browser on this machine.
     *
     * @param openBrowser given the authorization URL: shows it and opens a browser; must not block
     */
    public Result sameDevice(Consumer<URI> openBrowser, Duration timeout) {
        Pkce pkce = Pkce.generate(random);
        String state = UUID.randomUUID().toString();
        try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
            URI authorize = authorizationUri(SigninClient.SAME_DEVICE_CLIENT, state, pkce, redirect.redirectUri());
            openBrowser.accept(authorize);
            AuthorizationResponse answer = redirect.await(timeout);
            String code = answer.codeFor(state, SERVICE, again);
            return redeem(SigninClient.SAME_DEVICE_CLIENT, code, pkce, redirect.redirectUri());
        }
    }

    /**
     * Signs in on another device: shows the URL, then reads the code the browser displays at the end.
     *
     * @param show     given the authorization URL to print
     * @param readCode asks the user for the code shown in the browser
     */
    public Result remote(Consumer<URI> show, Supplier<String> readCode) {
        Pkce pkce = Pkce.generate(random);
        String state = UUID.randomUUID().toString();
        String redirectUri = client.resolve("/v1/sessions/confirmation").toString();
        show.accept(authorizationUri(SigninClient.CROSS_DEVICE_CLIENT, state, pkce, redirectUri));
        String typed = readCode.get();
        AuthorizationResponse answer = parseTypedCode(typed == null ? "" : typed.trim());
        String code = answer.codeFor(state, SERVICE, again);
        return redeem(SigninClient.CROSS_DEVICE_CLIENT, code, pkce, redirectUri);
    }

    /** {@code BASE/v1/authorize?response_type=code&client_id=…&state=…&code_challenge_method=SHA-256&scope=openid&redirect_uri=…&code_challenge=…}. */
    URI authorizationUri(String clientId, String state, Pkce pkce, String redirectUri) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", clientId);
        q.put("state", state);
        q.put("code_challenge_method", "SHA-256");
        q.put("scope", "openid");
        q.put("redirect_uri", redirectUri);
        q.put("code_challenge", pkce.challenge());
        StringBuilder s = new StringBuilder(client.resolve("/v1/authorize").toString()).append('?');
        q.forEach((k, v) -> s.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        s.setLength(s.length() - 1);
        return URI.create(s.toString());
    }

    /** The code the remote sign-in's last page shows: base64 of {@code state=…&code=…}. */
    static AuthorizationResponse parseTypedCode(String typed) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(typed), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new CredentialsException("the code typed is not the one the sign-in page shows (it is not base64)",
                    "copy the whole code from the browser's last page");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : decoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) params.putIfAbsent(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (!params.containsKey("code") || !params.containsKey("state")) {
            throw new CredentialsException("the code typed is not the one the sign-in page shows (no state and code in it)",
                    "copy the whole code from the browser's last page");
        }
        return new AuthorizationResponse(Optional.of(params.get("code")), Optional.of(params.get("state")),
                Optional.empty(), Optional.empty());
    }

    private Result redeem(String clientId, String code, Pkce pkce, String redirectUri) {
        DpopKey key = DpopKey.generate(random);
        SigninTokenGrant grant = client.redeem(clientId, code, pkce.verifier(), redirectUri, key);
        String idToken = grant.idToken().orElseThrow(() -> new CredentialsException(
                SERVICE + " at " + client.endpoint() + " answered without an ID token, so the session has no name",
                "run `" + again + "` again; if it persists the service may have changed"));
        String loginSession = subject(idToken);
        String accountId = accountOf(loginSession);
        LoginToken token = LoginToken.create(grant, accountId, clock.instant().plus(grant.expiresIn()), clientId, key);
        cache.write(loginSession, token);
        return new Result(loginSession, cache.file(loginSession), token);
    }

    /** The {@code sub} claim of the ID token: the ARN of the signed-in identity. */
    static String subject(String idToken) {
        String[] parts = idToken.split("\\.");
        if (parts.length != 3) throw new CredentialsException(SERVICE + " sent an ID token that is not a JWT", "sign in again");
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new CredentialsException(SERVICE + " sent an ID token that is not base64url", "sign in again");
        }
        return JsonDocument.parseObject(payload, "the ID token's claims").string("sub").filter(s -> s.startsWith("arn:"))
                .orElseThrow(() -> new CredentialsException(SERVICE + " sent an ID token without an ARN in sub", "sign in again"));
    }

    static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[4].matches("\\d{12}")) {
            throw new CredentialsException("the signed-in identity " + arn + " has no account id", "sign in again");
        }
        return parts[4];
    }
}
