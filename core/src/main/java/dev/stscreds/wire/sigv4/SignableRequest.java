package dev.stscreds.wire.sigv4;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request to be signed: method, URI (its raw path and raw query are signed), headers
 * (repeatable, order kept) and the payload, either as bytes or as the hex SHA-256 of a body that
 * is hashed elsewhere (for large or streamed bodies).
 */
public final class SignableRequest {
    private static final String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final String method;
    private final URI uri;
    private final List<HttpHeader> headers;
    private final byte[] payload;
    private String payloadSha256Hex;

    private SignableRequest(Builder b) {
        this.method = b.method;
        this.uri = b.uri;
        this.headers = List.copyOf(b.headers);
        this.payload = b.payload;
        this.payloadSha256Hex = b.payloadSha256Hex;
    }

    /** @param uri an absolute URI, or one without a host if a {@code Host} header is added */
    public static Builder builder(String method, URI uri) {
        return new Builder(method, uri);
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public List<HttpHeader> headers() {
        return headers;
    }

    /** The first value of the named header (case-insensitive). */
    public Optional<String> header(String name) {
        for (HttpHeader h : headers) {
            if (h.is(name)) return Optional.of(h.value());
        }
        return Optional.empty();
    }

    /** Lower-case hex SHA-256 of the payload, computed once from the bytes if it was not given. */
    public String payloadSha256Hex() {
        String hash = payloadSha256Hex;
        if (hash == null) {
            hash = payload == null ? EMPTY_PAYLOAD_SHA256 : Hex.of(Digests.forThisThread().sha256(payload));
            payloadSha256Hex = hash; // a benign race: every thread computes the same string
        }
        return hash;
    }

    /** Shows method, where and header names; never header values that carry secrets, nor the query. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SignableRequest[").append(method).append(' ');
        if (uri.getScheme() != null) s.append(uri.getScheme()).append("://");
        if (uri.getRawAuthority() != null) s.append(uri.getRawAuthority());
        s.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) s.append("?…");
        s.append(", headers=").append(headers);
        if (payload != null) s.append(", payload=").append(payload.length).append(" bytes");
        return s.append(']').toString();
    }

    public static final class Builder {
        private final String method;
        private final URI uri;
        private final List<HttpHeader> headers = new ArrayList<>();
        private byte[] payload;
        private String payloadSha256Hex;

        private Builder(String method, URI uri) {
            Objects.requireNonNull(method, "method");
            this.uri = Objects.requireNonNull(uri, "uri");
            if (method.isEmpty() || !method.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                throw new IllegalArgumentException("\"" + method + "\" is not an HTTP method");
            }
            this.method = method;
        }

        /** Adds a header; calling again with the same name adds another value. */
        public Builder header(String name, String value) {
            headers.add(new HttpHeader(name, value));
            return this;
        }

        /** The body. The array is used as it is, not copied: do not change it before signing. */
        public Builder payload(byte[] body) {
            this.payload = Objects.requireNonNull(body, "payload");
            this.payloadSha256Hex = null;
            return this;
        }

        /** The body as UTF-8 text. */
        public Builder payload(String body) {
            return payload(body.getBytes(StandardCharsets.UTF_8));
        }

        /** The hex SHA-256 of a body hashed elsewhere; the body itself is not needed to sign. */
        public Builder payloadSha256Hex(String sha256Hex) {
            if (!Hex.isSha256Hex(sha256Hex)) {
                throw new IllegalArgumentException("a payload hash must be 64 hex digits (SHA-256), got "
                        + (sha256Hex == null ? "null" : sha256Hex.length() + " characters"));
            }
            this.payloadSha256Hex = sha256Hex.toLowerCase(Locale.ROOT);
            this.payload = null;
            return this;
        }

        public SignableRequest build() {
            return new SignableRequest(this);
        }
    }
}
