package dev.stscreds.wire.sigv4;

import dev.stscreds.Secrets;
import java.util.Objects;

/**
 * One HTTP header line as given (name case kept). {@link #toString()} masks the values of
 * {@code Authorization} and {@code X-Amz-Security-Token}, so requests are safe to log.
 */
public record HttpHeader(String name, String value) {
    public HttpHeader {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, "header value");
        if (name.isEmpty()) throw new IllegalArgumentException("a header name must not be empty");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == ':' || c >= 0x7f) {
                throw new IllegalArgumentException("header name \"" + name + "\" has a character HTTP does not allow");
            }
        }
    }

    /** True when this header's name equals {@code other}, ignoring case. */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    boolean isSensitive() {
        return is("authorization") || is("x-amz-security-token");
    }

    @Override
    public String toString() {
        return name + ": " + (isSensitive() ? Secrets.maskSecret(value) : value);
    }
}
