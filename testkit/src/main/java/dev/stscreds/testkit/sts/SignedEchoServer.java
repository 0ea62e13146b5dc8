package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.Faults;
import dev.stscreds.testkit.LoopbackHttp;
import dev.stscreds.testkit.LoopbackHttp.Answer;
import dev.stscreds.testkit.LoopbackHttp.Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A service of any name on loopback that checks SigV4 like AWS does (the scope's service and
 * region are taken as signed, the key must be one given to {@link #allow}) and echoes what it got
 * as {@code name: value} text lines: method, path, query, service, region, access key id, signed
 * headers, body size and SHA-256. A bad signature, an unknown key or a wrong session token is
 * answered 403 with an AWS error document. A path {@code /status/NNN} is answered with status NNN
 * (after the signature check), to try clients on errors.
 */
public final class SignedEchoServer implements AutoCloseable {
    /** A request that passed the signature check, body included. */
    public record Received(String method, String path, String rawQuery, String service, String region,
            Map<String, List<String>> headers, byte[] body) {}

    private record Key(String secret, String sessionToken) {}

    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final LoopbackHttp http = new LoopbackHttp("signed-echo", this::answer);
    private volatile Clock clock = Clock.systemUTC();

    public SignedEchoServer start() {
        http.start();
        return this;
    }

    public URI endpoint() {
        return http.baseUri();
    }

    /** The server's clock, for the 15-minute skew check. */
    public SignedEchoServer clock(Clock c) {
        this.clock = Objects.requireNonNull(c, "clock");
        return this;
    }

    /** Accepts requests signed with this key; {@code sessionToken} null for a long-term key. */
    public SignedEchoServer allow(String accessKeyId, String secretAccessKey, String sessionToken) {
        keys.put(accessKeyId, new Key(secretAccessKey, sessionToken));
        return this;
    }

    /** Faults for the next answers: a delay, a slow-drip body, a closed connection… */
    public Faults faults() {
        return http.faults();
    }

    /** The requests that passed the check, oldest first. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        http.close();
    }

    private Answer answer(Request r) {
        try {
            String header = r.header("Authorization");
            if (header == null) throw new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
            SigV4Verifier.Authorization a = SigV4Verifier.parse(header);
            Key key = keys.get(a.accessKeyId());
            if (key == null) throw AwsError.invalidClientTokenId();
            String token = r.header(Authenticator.TOKEN_HEADER);
            if (!sameToken(key.sessionToken(), token)) throw AwsError.invalidClientTokenId();
            SigV4Verifier.verify(r, a, key.secret(), clock.instant());
            received.add(new Received(r.method(), r.path(), r.rawQuery(), a.service(), a.region(), Map.copyOf(r.headers()), r.body()));
            return Answer.text(status(r.path()), echo(r, a));
        } catch (AwsError e) {
            String xml = new Xml().open("ErrorResponse").open("Error").element("Type", e.type()).element("Code", e.code())
                    .element("Message", e.getMessage()).close("Error").close("ErrorResponse").toString();
            return Answer.of(e.status(), "text/xml", xml);
        }
    }

    private static boolean sameToken(String expected, String given) {
        if (expected == null || given == null) return expected == null && given == null;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static int status(String path) {
        if (path.startsWith("/status/") && path.length() == "/status/".length() + 3) {
            try {
                return Integer.parseInt(path.substring("/status/".length()));
            } catch (NumberFormatException e) {
                return 200;
            }
        }
        return 200;
    }

    private static String echo(Request r, SigV4Verifier.Authorization a) {
        return "method: " + r.method() + "\n"
                + "path: " + r.path() + "\n"
                + "query: " + (r.rawQuery() == null ? "" : r.rawQuery()) + "\n"
                + "service: " + a.service() + "\n"
                + "region: " + a.region() + "\n"
                + "access-key-id: " + a.accessKeyId() + "\n"
                + "signed-headers: " + String.join(";", a.signedHeaders()) + "\n"
                + "body-bytes: " + r.body().length + "\n"
                + "body-sha256: " + SigV4Verifier.hex(SigV4Verifier.sha256(r.body())) + "\n";
    }
}
