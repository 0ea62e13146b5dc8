package dev.stscreds.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * One way a local endpoint can misbehave. Immutable; hand it to {@link Faults#next(int, Fault)}
 * or {@link Faults#always(Fault)}.
 *
 * <pre>{@code
 * server.faults().next(2, Fault.status(500));                        // two 500s, then normal answers
 * server.faults().always(Fault.delay(Duration.ofSeconds(5)));        // every answer late
 * server.faults().next(1, Fault.status(403).onlyFor("PUT", "/latest/api/token"));
 * }</pre>
 */
public final class Fault {
    enum Kind { STATUS, DELAY, SLOW_DRIP, MALFORMED_BODY, OVERSIZED_BODY, CLOSE_CONNECTION }

    private final Kind kind;
    private final int status;
    private final Duration duration;
    private final long size;
    private final String method;
    private final String path;

    private Fault(Kind kind, int status, Duration duration, long size, String method, String path) {
        this.kind = kind;
        this.status = status;
        this.duration = duration;
        this.size = size;
        this.method = method;
        this.path = path;
    }

    /** Answer with this status and a small JSON error body {@code {"code", "message"}}. */
    public static Fault status(int status) {
        if (status < 100 || status > 599) throw new IllegalArgumentException("not an HTTP status: " + status);
        return new Fault(Kind.STATUS, status, Duration.ZERO, 0, null, null);
    }

    /** Wait this long, then give the normal answer. */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 0, requirePositive(delay), 0, null, null);
    }

    /** Send the normal answer's headers at once, then its body one byte at a time, pausing between bytes. */
    public static Fault slowDrip(Duration betweenBytes) {
        return new Fault(Kind.SLOW_DRIP, 0, requirePositive(betweenBytes), 0, null, null);
    }

    /** Answer 200 with a body that is not JSON. */
    public static Fault malformedBody() {
        return new Fault(Kind.MALFORMED_BODY, 0, Duration.ZERO, 0, null, null);
    }

    /** Answer 200 with a body of this many bytes, sent chunked (no Content-Length to warn the client). */
    public static Fault oversizedBody(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("size must be positive: " + bytes);
        return new Fault(Kind.OVERSIZED_BODY, 0, Duration.ZERO, bytes, null, null);
    }

    /** Close the connection without answering. */
    public static Fault closeConnection() {
        return new Fault(Kind.CLOSE_CONNECTION, 0, Duration.ZERO, 0, null, null);
    }

    /** The same fault, applied only to requests with this method and exact path. */
    public Fault onlyFor(String method, String path) {
        return new Fault(kind, status, duration, size, Objects.requireNonNull(method, "method"),
                Objects.requireNonNull(path, "path"));
    }

    boolean matches(String requestMethod, String requestPath) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && (path == null || path.equals(requestPath));
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
            default: what = "closed connection";
        }
        return method == null ? "Fault[" + what + "]" : "Fault[" + what + " on " + method + " " + path + "]";
    }
}
