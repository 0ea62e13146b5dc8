package dev.stscreds.wire.sigv4;

import dev.stscreds.Credentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Signs HTTP requests with AWS Signature Version 4 (header form) for one service in one region.
 *
 * <p>Immutable and thread-safe. Keep one signer per client: it remembers the last derived
 * signing key, so signing again on the same day with the same secret costs one HMAC.
 */
public final class SigV4Signer {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

    private final String service;
    private final String region;
    private final boolean normalizePath;
    private final boolean doubleUrlEncode;
    private final boolean signPayloadHashHeader;
    private final boolean signSessionToken;
    private final String scopeSuffix;
    private final SigningKeyCache keys;

    private SigV4Signer(Builder b) {
        this.service = b.service;
        this.region = b.region;
        this.normalizePath = b.normalizePath;
        this.doubleUrlEncode = b.doubleUrlEncode;
        this.signPayloadHashHeader = b.signPayloadHashHeader;
        this.signSessionToken = b.signSessionToken;
        this.scopeSuffix = "/" + region + "/" + service + "/aws4_request";
        this.keys = new SigningKeyCache(region, service);
    }

    /** A signer with the defaults every service but S3 wants. */
    public static SigV4Signer create(String service, String region) {
        return builder(service, region).build();
    }

    /**
     * A signer with the rules {@code service} wants: S3's (path signed as sent, payload hash header)
     * for {@code s3}, the defaults for every other service.
     */
    public static SigV4Signer forService(String service, String region) {
        Builder b = builder(service, region);
        if (service.equals("s3")) b.forS3();
        return b.build();
    }

    public static Builder builder(String service, String region) {
        return new Builder(service, region);
    }

    public String service() {
        return service;
    }

    public String region() {
        return region;
    }

    /**
     * Signs {@code request} as of {@code now}. Adds {@code Host} (when missing), {@code X-Amz-Date},
     * {@code x-amz-content-sha256} (when configured), {@code X-Amz-Security-Token} (when the
     * credentials have a session token) and {@code Authorization}. A given {@code X-Amz-Date} or
     * security token is replaced in place; a given {@code Authorization} is dropped.
     */
    public SignedRequest sign(SignableRequest request, Credentials credentials, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(credentials, "credentials");
        String amzDate = AmzDate.format(Objects.requireNonNull(now, "now"));
        String dateStamp = amzDate.substring(0, 8);
        String token = credentials.sessionToken().orElse(null);
        String payloadHash = request.payloadSha256Hex();

        List<HttpHeader> given = request.headers();
        List<HttpHeader> toSign = new ArrayList<>(given.size() + 5);
        boolean hasHost = false;
        boolean hasDate = false;
        boolean hasToken = false;
        for (HttpHeader h : given) {
            if (h.is("authorization")) continue;
            if (signPayloadHashHeader && h.is("x-amz-content-sha256")) continue;
            if (h.is("x-amz-date")) {
                if (hasDate) continue;
                h = new HttpHeader(h.name(), amzDate);
                hasDate = true;
            } else if (token != null && h.is("x-amz-security-token")) {
                if (hasToken || !signSessionToken) continue;
                h = new HttpHeader(h.name(), token);
                hasToken = true;
            } else if (h.is("host")) {
                hasHost = true;
            }
            toSign.add(h);
        }
        if (!hasHost) toSign.add(new HttpHeader("Host", hostHeader(request.uri())));
        if (!hasDate) toSign.add(new HttpHeader("X-Amz-Date", amzDate));
        if (signPayloadHashHeader) toSign.add(new HttpHeader("x-amz-content-sha256", payloadHash));
        if (token != null && signSessionToken && !hasToken) toSign.add(new HttpHeader("X-Amz-Security-Token", token));

        StringBuilder canonical = new StringBuilder(256);
        StringBuilder signedHeadersOut = new StringBuilder(64);
        canonical.append(request.method()).append('\n');
        CanonicalPath.append(request.uri().getRawPath(), normalizePath, doubleUrlEncode, canonical);
        canonical.append('\n');
        CanonicalQuery.append(request.uri().getRawQuery(), canonical);
        canonical.append('\n');
        CanonicalHeaders.append(toSign, canonical, signedHeadersOut);
        String signedHeaders = signedHeadersOut.toString();
        canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        String canonicalRequest = canonical.toString();

        Digests digests = Digests.forThisThread();
        String scope = dateStamp + scopeSuffix;
        String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
                + Hex.of(digests.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] signingKey = keys.signingKey(credentials.secretAccessKey(), dateStamp, digests);
        String signature = Hex.of(digests.hmac(signingKey, stringToSign.getBytes(StandardCharsets.UTF_8)));
        String authorization = ALGORITHM + " Credential=" + credentials.accessKeyId() + '/' + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;

        List<HttpHeader> sent = toSign;
        // some services want the token added after signing, outside the signature
        if (token != null && !signSessionToken) sent.add(new HttpHeader("X-Amz-Security-Token", token));
        sent.add(new HttpHeader("Authorization", authorization));
        return new SignedRequest(request.method(), request.uri(), sent, canonicalRequest, stringToSign,
                signedHeaders, signature, authorization);
    }

    /**
     * Signs an STS Query-protocol call: {@code POST} of {@code formBody} (already form-encoded,
     * e.g. {@code Action=GetCallerIdentity&Version=2011-06-15}) to {@code endpoint} (path {@code /}
     * when it has none), with {@code Content-Type: application/x-www-form-urlencoded; charset=utf-8}.
     */
    public SignedRequest signFormPost(URI endpoint, String formBody, Credentials credentials, Instant now) {
        String path = endpoint.getRawPath();
        URI target = path == null || path.isEmpty() ? endpoint.resolve("/") : endpoint;
        SignableRequest request = SignableRequest.builder("POST", target)
                .header("Content-Type", FORM_CONTENT_TYPE)
                .payload(formBody)
                .build();
        return sign(request, credentials, now);
    }

    /** The Host header value: host, plus the port when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("cannot sign a request to \"" + uri
                    + "\": the URI has no host and the request has no Host header");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()));
        return defaultPort ? host : host + ':' + port;
    }

    /** Service, region and options; no credentials are held. */
    @Override
    public String toString() {
        return "SigV4Signer[service=" + service + ", region=" + region + ", normalizePath=" + normalizePath
                + ", doubleUrlEncode=" + doubleUrlEncode + ", signPayloadHashHeader=" + signPayloadHashHeader
                + ", signSessionToken=" + signSessionToken + "]";
    }

    public static final class Builder {
        private final String service;
        private final String region;
        private boolean normalizePath = true;
        private boolean doubleUrlEncode = true;
        private boolean signPayloadHashHeader;
        private boolean signSessionToken = true;

        private Builder(String service, String region) {
            this.service = requireName(service, "service");
            this.region = requireName(region, "region");
        }

        /** Remove dot segments and empty segments from the path before signing (default true; false for S3). */
        public Builder normalizePath(boolean v) {
            this.normalizePath = v;
            return this;
        }

        /** Encode the already-encoded path again (default true; false for S3). */
        public Builder doubleUrlEncode(boolean v) {
            this.doubleUrlEncode = v;
            return this;
        }

        /** Add and sign {@code x-amz-content-sha256} with the payload hash (default false; S3 needs it). */
        public Builder signPayloadHashHeader(boolean v) {
            this.signPayloadHashHeader = v;
            return this;
        }

        /**
         * Sign {@code X-Amz-Security-Token} (default true). When false the token header is added
         * after signing and is not part of the signature, as a few services require.
         */
        public Builder signSessionToken(boolean v) {
            this.signSessionToken = v;
            return this;
        }

        /** S3's rules: path neither normalised nor encoded twice, payload hash header signed. */
        public Builder forS3() {
            return normalizePath(false).doubleUrlEncode(false).signPayloadHashHeader(true);
        }

        public SigV4Signer build() {
            return new SigV4Signer(this);
        }

        private static String requireName(String value, String what) {
            if (value == null || value.isBlank() || !value.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '/')) {
                throw new IllegalArgumentException("a SigV4 " + what + " must be a non-empty name without spaces or '/', got \""
                        + value + "\"");
            }
            return value;
        }
    }
}
