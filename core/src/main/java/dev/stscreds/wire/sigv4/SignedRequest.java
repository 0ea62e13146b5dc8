package dev.stscreds.wire.sigv4;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of signing: the headers to send, and every intermediate step so a mismatch with
 * the server ({@code SignatureDoesNotMatch} shows the server's canonical request) can be compared.
 */
public final class SignedRequest {
    private final String method;
    private final URI uri;
    private final List<HttpHeader> headers;
    private final String canonicalRequest;
    private final String stringToSign;
    private final String signedHeaders;
    private final String signature;
    private final String authorization;

    SignedRequest(String method, URI uri, List<HttpHeader> headers, String canonicalRequest, String stringToSign,
            String signedHeaders, String signature, String authorization) {
        this.method = method;
        this.uri = uri;
        this.headers = List.copyOf(headers);
        this.canonicalRequest = canonicalRequest;
        this.stringToSign = stringToSign;
        this.signedHeaders = signedHeaders;
        this.signature = signature;
        this.authorization = authorization;
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    /**
     * Every header to send, in order: the request's own (a given {@code X-Amz-Date} or security
     * token replaced in place), then {@code Host}, {@code X-Amz-Date}, {@code x-amz-content-sha256}
     * and {@code X-Amz-Security-Token} where they were added, and {@code Authorization} last.
     * HTTP clients that set {@code Host} themselves from the URI (HttpURLConnection) send the same value.
     */
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

    public String canonicalRequest() {
        return canonicalRequest;
    }

    public String stringToSign() {
        return stringToSign;
    }

    /** The signed header names, e.g. {@code host;x-amz-date}. */
    public String signedHeaders() {
        return signedHeaders;
    }

    /** The hex signature. */
    public String signature() {
        return signature;
    }

    /** The value of the {@code Authorization} header. */
    public String authorization() {
        return authorization;
    }

    /** Method, path and signed header names; no token, no signature. */
    @Override
    public String toString() {
        return "SignedRequest[" + method + " " + uri.getRawPath() + ", signedHeaders=" + signedHeaders + "]";
    }
}
