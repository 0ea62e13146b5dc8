package dev.stscreds.testkit;

import dev.stscreds.testkit.LoopbackHttp.Answer;
import dev.stscreds.testkit.LoopbackHttp.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One way a local endpoint can misbehave. Immutable; hand it to {@link Faults#next(int, Fault)}
 * or {@link Faults#always(Fault)}.
 *
 * <pre>{@code
 * server.faults().next(2, Fault.status(500));                        // two 500s, then normal answers
 * server.faults().always(Fault.delay(Duration.ofSeconds(5)));        // every answer late
 * server.faults().next(1, Fault.status(403).onlyFor("PUT", "/latest/api/token"));
 * sts.faults().next(1, Fault.answer(503, "text/html", "<html>…</html>").onlyForAction("AssumeRole"));
 * }</pre>
 */
public final class Fault {
    enum Kind { STATUS, DELAY, SLOW_DRIP, MALFORMED_BODY, OVERSIZED_BODY, CLOSE_CONNECTION, CANNED_ANSWER, TRUNCATED_BODY }

    private final Kind kind;
    private final int status;
    private final Duration duration;
    private final long size;
    private final Answer answer;
    private final String method;
    private final String path;
    private final String action;

    private Fault(Kind kind, int status, Duration duration, long size, Answer answer, String method, String path,
            String action) {
        this.kind = kind;
        this.status = status;
        this.duration = duration;
        this.size = size;
        this.answer = answer;
        this.method = method;
        this.path = path;
        this.action = action;
    }

    private Fault(Kind kind, int status, Duration duration, long size) {
        this(kind, status, duration, size, null, null, null, null);
    }

    /** Answer with this status and a small JSON error body {@code {"code", "message"}}. */
    public static Fault status(int status) {
        if (status < 100 || status > 599) throw new IllegalArgumentException("not an HTTP status: " + status);
        return new Fault(Kind.STATUS, status, Duration.ZERO, 0);
    }

    /** Wait this long, then give the normal answer. */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 0, requirePositive(delay), 0);
    }

    /** Send the normal answer's headers at once, then its body one byte at a time, pausing between bytes. */
    public static Fault slowDrip(Duration betweenBytes) {
        return new Fault(Kind.SLOW_DRIP, 0, requirePositive(betweenBytes), 0);
    }

    /** Answer 200 with a body that is not JSON. */
    public static Fault malformedBody() {
        return new Fault(Kind.MALFORMED_BODY, 0, Duration.ZERO, 0);
    }

    /** Answer 200 with a body of this many bytes, sent chunked (no Content-Length to warn the client). */
    public static Fault oversizedBody(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("size must be positive: " + bytes);
        return new Fault(Kind.OVERSIZED_BODY, 0, Duration.ZERO, bytes);
    }

    /** Close the connection without answering. */
    public static Fault closeConnection() {
        return new Fault(Kind.CLOSE_CONNECTION, 0, Duration.ZERO, 0);
    }

    /** Answer with exactly this status, content type and body (an error document of a given service, an HTML page, …). */
    public static Fault answer(int status, String contentType, String body) {
        if (status < 100 || status > 599) throw new IllegalArgumentException("not an HTTP status: " + status);
        Answer canned = new Answer(status, Objects.requireNonNull(contentType, "contentType"),
                Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8), Map.of());
        return new Fault(Kind.CANNED_ANSWER, status, Duration.ZERO, 0, canned, null, null, null);
    }

    /** Promise the normal answer's full length, send its first half, then drop the connection. */
    public static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATED_BODY, 0, Duration.ZERO, 0);
    }

    /** The same fault, applied only to requests with this method and exact path. */
    public Fault onlyFor(String method, String path) {
        return new Fault(kind, status, duration, size, answer, Objects.requireNonNull(method, "method"),
                Objects.requireNonNull(path, "path"), action);
    }

    /**
     * The same fault, applied only to Query-protocol requests (the local STS) whose form body has
     * {@code Action=action}.
     */
    public Fault onlyForAction(String action) {
        return new Fault(kind, status, duration, size, answer, method, path, Objects.requireNonNull(action, "action"));
    }

    boolean matches(Request request) {
        return (method == null || method.equalsIgnoreCase(request.method()))
                && (path == null || path.equals(request.path()))
                && (action == null || action.equals(request.formParameter("Action")));
    }

    Answer answer() {
        return answer;
    }

    Kind kind() {
        return kind;
    }

    int statusCode() {
        return status;
    }

    Duration duration() {
        return duration;
    }

    long size() {
        return size;
    }

    private static Duration requirePositive(Duration d) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("duration must be positive: " + d);
        return d;
    }

    @Override
    public String toString() {
        String what;
        switch (kind) {
            case STATUS: what = "status " + status; break;
            case DELAY: what = "delay " + duration; break;
            case SLOW_DRIP: what = "slow drip, " + duration + " per byte"; break;
            case OVERSIZED_BODY: what = "oversized body of " + size + " bytes"; break;
            case MALFORMED_BODY: what = "malformed body"; break;
            case CANNED_ANSWER: what = "answer " + status + " " + answer.contentType(); break;
            case TRUNCATED_BODY: what = "truncated body"; break;
            default: what = "closed connection";
        }
        String where = (method == null ? "" : " on " + method + " " + path) + (action == null ? "" : " for Action=" + action);
        return "Fault[" + what + where + "]";
    }
}
