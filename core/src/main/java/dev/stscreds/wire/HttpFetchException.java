package dev.stscreds.wire;

import dev.stscreds.CredentialsException;

/** An HTTP exchange that produced no usable answer. The message names the URL and what happened. */
public class HttpFetchException extends CredentialsException {

    /** What went wrong, so callers can decide whether to retry or to skip a source. */
    public enum Failure {
        /** The connection could not be made (refused, no route, name not resolved). */
        CONNECT,
        /** Connecting took longer than the connect timeout. */
        CONNECT_TIMEOUT,
        /** Connected, but the answer did not come (or did not finish) in time. */
        TIMEOUT,
        /** The connection broke or closed before a whole answer arrived. */
        BROKEN,
        /** The answer's body is larger than the limit. */
        TOO_LARGE,
        /** The request could not be made at all (bad URL, unsupported scheme). */
        INVALID
    }

    private final Failure failure;

    public HttpFetchException(Failure failure, String message, Throwable cause) {
        super(message, null, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    /** True when another attempt might succeed: the endpoint was unreachable, slow or cut off. */
    public boolean isTransient() {
        return failure == Failure.CONNECT || failure == Failure.CONNECT_TIMEOUT
                || failure == Failure.TIMEOUT || failure == Failure.BROKEN;
    }

    /** True when nothing answered at the address at all: refused, unreachable or connect timeout. */
    public boolean isUnreachable() {
        return failure == Failure.CONNECT || failure == Failure.CONNECT_TIMEOUT;
    }
}
