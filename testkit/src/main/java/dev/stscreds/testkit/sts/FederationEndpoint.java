package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.Json;
import dev.stscreds.testkit.Faults;
import dev.stscreds.testkit.LoopbackHttp;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The AWS console's federation endpoint ({@code https://signin.aws.amazon.com/federation}) on
 * 127.0.0.1, for sessions of a {@link LocalSts}:
 * <ul>
 *   <li>{@code GET /federation?Action=getSigninToken&Session=…[&SessionDuration=…]}: the
 *       {@code Session} JSON ({@code sessionId}, {@code sessionKey}, {@code sessionToken}) must be
 *       a session the local STS handed out, still valid, from AssumeRole or GetFederationToken
 *       (AWS refuses long-term keys and GetSessionToken sessions); {@code SessionDuration}, when
 *       given, must be 900–43200 and the session must be a role's. Answers
 *       {@code {"SigninToken": "…"}}; a sign-in token lasts 15 minutes.</li>
 *   <li>{@code GET /federation?Action=login&Issuer=…&Destination=…&SigninToken=…}: 302 to the
 *       destination for a token it issued and that has not expired.</li>
 * </ul>
 * Refusals are 400 with a short text, as AWS's are. Time is the local STS's clock.
 */
public final class FederationEndpoint implements AutoCloseable {
    /** How long a sign-in token can be used, as at AWS. */
    public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);
    private static final String PATH = "/federation";
    private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** A sign-in token handed out, and what it stands for. */
    private record Issued(Session session, Instant expires, Optional<Integer> sessionDuration) {}

    private final LocalSts sts;
    private final RandomGenerator random;
    private final LoopbackHttp http;
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile Optional<Integer> lastSessionDuration = Optional.empty();

    public FederationEndpoint(LocalSts sts) {
        this(sts, new Random());
    }

    public FederationEndpoint(LocalSts sts, RandomGenerator random) {
        this.sts = sts;
        this.random = random;
        this.http = new LoopbackHttp("federation", this::answer, this::count);
    }

    public FederationEndpoint start() {
        http.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT/federation}, the URL to give as the federation endpoint. */
    public URI endpoint() {
        return http.baseUri().resolve(PATH);
    }

    public Faults faults() {
        return http.faults();
    }

    /** Requests received with this {@code Action} ({@code getSigninToken}, {@code login}), refused ones included. */
    public int calls(String action) {
        AtomicInteger n = calls.get(action);
        return n == null ? 0 : n.get();
    }

    /** The {@code SessionDuration} of the last sign-in token handed out, if it had one. */
    public Optional<Integer> lastSessionDuration() {
        return lastSessionDuration;
    }

    /**
     * Opens a sign-in URL one step, as a browser would, and gives where the endpoint redirects: the
     * console page for a valid token.
     *
     * @throws IOException when the endpoint does not answer with a redirect
     */
    public static String followSignIn(URI signInUrl) throws IOException {
        HttpURLConnection c = (HttpURLConnection) signInUrl.toURL().openConnection(Proxy.NO_PROXY);
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(2000);
        c.setReadTimeout(2000);
        try {
            if (c.getResponseCode() != 302) throw new IOException("the sign-in URL answered " + c.getResponseCode() + ", not a redirect");
            return c.getHeaderField("Location");
        } finally {
            c.disconnect();
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private void count(LoopbackHttp.Request request) {
        try {
            String action = QueryParams.of(request.rawQuery(), null).get("Action");
            if (action != null) calls.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
        } catch (AwsError malformed) {
            // answered 400 by the endpoint
        }
    }

    private LoopbackHttp.Answer answer(LoopbackHttp.Request request) {
        if (!request.path().equals(PATH)) return LoopbackHttp.Answer.text(404, "Not Found");
        if (!request.method().equals("GET")) return refuse("only GET is supported here");
        QueryParams p;
        try {
            p = QueryParams.of(request.rawQuery(), null);
        } catch (AwsError e) {
            return refuse("malformed query string");
        }
        String action = p.get("Action");
        if ("getSigninToken".equals(action)) return signinToken(p);
        if ("login".equals(action)) return login(p);
        return refuse("unknown Action");
    }

    private LoopbackHttp.Answer signinToken(QueryParams p) {
        String sessionJson = p.get("Session");
        if (sessionJson == null) return refuse("no Session");
        Object parsed;
        try {
            parsed = Json.parse(sessionJson);
        } catch (IllegalArgumentException e) {
            return refuse("Session is not JSON");
        }
        if (!(parsed instanceof Map<?, ?> fields)) return refuse("Session is not a JSON object");
        if (!(fields.get("sessionId") instanceof String id) || !(fields.get("sessionKey") instanceof String key)
                || !(fields.get("sessionToken") instanceof String token)) {
            return refuse("Session needs sessionId, sessionKey and sessionToken");
        }
        Optional<Session> session = sts.directory().session(id);
        if (session.isEmpty() || !session.get().credentials().secretAccessKey().equals(key)
                || !session.get().credentials().sessionToken().equals(token)) {
            return refuse("the session credentials are not valid");
        }
        if (!session.get().credentials().expiration().isAfter(sts.now())) return refuse("the session has expired");
        Caller.Kind kind = session.get().caller().kind();
        if (kind != Caller.Kind.ASSUMED_ROLE && kind != Caller.Kind.FEDERATED_USER) {
            return refuse("sign-in needs credentials from AssumeRole or GetFederationToken");
        }
        Optional<Integer> duration = Optional.empty();
        String durationText = p.get("SessionDuration");
        if (durationText != null) {
            int seconds;
            try {
                seconds = Integer.parseInt(durationText);
            } catch (NumberFormatException e) {
                return refuse("SessionDuration is not a number");
            }
            if (seconds < 900 || seconds > 43_200) return refuse("SessionDuration must be between 900 and 43200");
            if (kind != Caller.Kind.ASSUMED_ROLE) return refuse("SessionDuration is only valid for role sessions");
            duration = Optional.of(seconds);
        }
        String signinToken = randomToken();
        tokens.put(signinToken, new Issued(session.get(), sts.now().plus(TOKEN_LIFETIME), duration));
        lastSessionDuration = duration;
        return LoopbackHttp.Answer.json(200, Json.write(Map.of("SigninToken", signinToken)));
    }

    private LoopbackHttp.Answer login(QueryParams p) {
        String destination = p.get("Destination");
        String signinToken = p.get("SigninToken");
        if (destination == null || signinToken == null) return refuse("login needs Destination and SigninToken");
        Issued issued = tokens.get(signinToken);
        if (issued == null || !issued.expires().isAfter(sts.now())) return refuse("the sign-in token is not valid");
        return LoopbackHttp.Answer.text(302, "").withHeader("Location", destination);
    }

    private String randomToken() {
        StringBuilder s = new StringBuilder(200);
        synchronized (random) {
            for (int i = 0; i < 200; i++) s.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        return s.toString();
    }

    private static LoopbackHttp.Answer refuse(String why) {
        return LoopbackHttp.Answer.text(400, "Bad Request: " + why);
    }
}
