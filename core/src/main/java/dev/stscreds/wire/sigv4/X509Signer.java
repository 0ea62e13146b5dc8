package dev.stscreds.wire.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Signs requests with the X.509 variant of SigV4 that IAM Roles Anywhere uses: the canonical request
 * and scope are SigV4's, the algorithm names the key type, {@code X-Amz-X509} (and
 * {@code X-Amz-X509-Chain}) carry the certificates and are signed, the credential is the certificate's
 * serial number, and the string to sign is signed with the private key instead of an HMAC chain.
 */
public final class X509Signer {
    private final String service;
    private final String region;

    public X509Signer(String service, String region) {
        this.service = Objects.requireNonNull(service, "service");
        this.region = Objects.requireNonNull(region, "region");
    }

    /** Adds {@code Host}, {@code X-Amz-Date}, {@code X-Amz-X509}, {@code X-Amz-X509-Chain} and {@code Authorization}. */
    public SignedRequest sign(SignableRequest request, X509SigningKey key, Instant now) {
        String amzDate = AmzDate.format(now);
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        List<HttpHeader> toSign = new ArrayList<>();
        boolean hasHost = false;
        for (HttpHeader h : request.headers()) {
            if (h.is("authorization") || h.is("x-amz-date") || h.is("x-amz-x509") || h.is("x-amz-x509-chain")) continue;
            if (h.is("host")) hasHost = true;
            toSign.add(h);
        }
        if (!hasHost) toSign.add(new HttpHeader("Host", SigV4Signer.hostHeader(request.uri())));
        toSign.add(new HttpHeader("X-Amz-Date", amzDate));
        toSign.add(new HttpHeader("X-Amz-X509", key.certificateBase64()));
        key.chainBase64().ifPresent(chain -> toSign.add(new HttpHeader("X-Amz-X509-Chain", chain)));

        StringBuilder canonical = new StringBuilder(2048);
        StringBuilder signedHeadersOut = new StringBuilder(96);
        canonical.append(request.method()).append('\n');
        CanonicalPath.append(request.uri().getRawPath(), true, true, canonical);
        canonical.append('\n');
        CanonicalQuery.append(request.uri().getRawQuery(), canonical);
        canonical.append('\n');
        CanonicalHeaders.append(toSign, canonical, signedHeadersOut);
        String signedHeaders = signedHeadersOut.toString();
        canonical.append('\n').append(signedHeaders).append('\n').append(request.payloadSha256Hex());
        String canonicalRequest = canonical.toString();

        String stringToSign = key.algorithm() + '\n' + amzDate + '\n' + scope + '\n'
                + Hex.of(Digests.forThisThread().sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String signature = Hex.of(key.sign(stringToSign.getBytes(StandardCharsets.UTF_8)));
        String authorization = key.algorithm() + " Credential=" + key.serialNumber() + '/' + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
        List<HttpHeader> sent = new ArrayList<>(toSign);
        sent.add(new HttpHeader("Authorization", authorization));
        return new SignedRequest(request.method(), request.uri(), sent, canonicalRequest, stringToSign, signedHeaders,
                signature, authorization);
    }
}
