package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.FakeCredentials;
import dev.stscreds.testkit.Faults;
import dev.stscreds.testkit.Json;
import dev.stscreds.testkit.LoopbackHttp;
import dev.stscreds.testkit.LoopbackHttp.Answer;
import dev.stscreds.testkit.LoopbackHttp.Request;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * IAM Roles Anywhere on 127.0.0.1: {@code POST /sessions} (CreateSession) for sessions of a
 * {@link LocalSts}'s roles, checked as the service checks them:
 * <ul>
 *   <li>the X.509 form of SigV4: {@code AWS4-X509-RSA-SHA256} or {@code AWS4-X509-ECDSA-SHA256}, the credential
 *       naming the certificate's serial number and the scope {@code DATE/REGION/rolesanywhere/aws4_request},
 *       {@code X-Amz-X509} and {@code X-Amz-X509-Chain} signed, the signature verified with the certificate's
 *       public key, within 5 minutes of the server's clock;</li>
 *   <li>the certificate's path to the trust anchor (PKIX, at the server's clock: validity of every certificate,
 *       CA flags, signatures);</li>
 *   <li>the trust anchor and profile exist and are enabled, the role is one of the profile's, the duration is
 *       900 s up to the profile's limit, and the role trusts {@code rolesanywhere.amazonaws.com}.</li>
 * </ul>
 * Refusals are AWS's: 403 {@code AccessDeniedException}, 404 {@code ResourceNotFoundException}, 400
 * {@code ValidationException}, with {@code x-amzn-ErrorType}. Time is the local STS's clock.
 */
public final class LocalRolesAnywhere implements AutoCloseable {
    public static final String SERVICE_PRINCIPAL = "rolesanywhere.amazonaws.com";
    private static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);

    private record Anchor(String arn, X509Certificate certificate, boolean enabled) {}

    private record Profile(String arn, Set<String> roleArns, int durationSeconds, boolean enabled) {}

    private final LocalSts sts;
    private final String region;
    private final LoopbackHttp http;
    private final Map<String, Anchor> anchors = new ConcurrentHashMap<>();
    private final Map<String, Profile> profiles = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile String lastRefusal = "";

    public LocalRolesAnywhere(LocalSts sts, String region) {
        this.sts = sts;
        this.region = region;
        this.http = new LoopbackHttp("rolesanywhere", this::answer);
    }

    public LocalRolesAnywhere start() {
        http.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT}, the endpoint to send CreateSession to. */
    public URI endpoint() {
        return http.baseUri();
    }

    public String region() {
        return region;
    }

    public Faults faults() {
        return http.faults();
    }

    /** CreateSession calls that got credentials. */
    public int sessionsIssued() {
        return sessions.get();
    }

    /** CreateSession requests received, refused ones and faults included. */
    public int requests() {
        return http.requests();
    }

    /** Why the last refused request was refused, for test failure messages. */
    public String lastRefusal() {
        return lastRefusal;
    }

    /** Registers a trust anchor (a CA certificate bundle of one) in the default account; returns its ARN. */
    public String createTrustAnchor(X509Certificate caCertificate) {
        String arn = "arn:aws:rolesanywhere:" + region + ":" + LocalSts.DEFAULT_ACCOUNT + ":trust-anchor/" + UUID.randomUUID();
        anchors.put(arn, new Anchor(arn, caCertificate, true));
        return arn;
    }

    /** Registers a profile listing the roles it may give, sessions up to {@code durationSeconds}; returns its ARN. */
    public String createProfile(Set<String> roleArns, int durationSeconds) {
        String arn = "arn:aws:rolesanywhere:" + region + ":" + LocalSts.DEFAULT_ACCOUNT + ":profile/" + UUID.randomUUID();
        profiles.put(arn, new Profile(arn, Set.copyOf(roleArns), durationSeconds, true));
        return arn;
    }

    public void disableTrustAnchor(String arn) {
        anchors.computeIfPresent(arn, (k, a) -> new Anchor(a.arn(), a.certificate(), false));
    }

    @Override
    public void close() {
        http.close();
    }

    private Answer answer(Request r) {
        try {
            if (!r.method().equals("POST") || !r.path().equals("/sessions")) {
                throw new RefusedException(404, "ResourceNotFoundException", "Unknown operation " + r.method() + " " + r.path());
            }
            return createSession(r);
        } catch (RefusedException e) {
            lastRefusal = e.type + ": " + e.getMessage();
            return Answer.json(e.status, Json.write(Map.of("message", e.getMessage()))).withHeader("x-amzn-ErrorType", e.type);
        }
    }

    private Answer createSession(Request r) {
        Instant now = sts.now();
        Map<String, String> query = query(r.rawQuery());
        Map<String, Object> body = body(r);
        Authorization a = authorization(r.header("Authorization"));
        X509Certificate leaf = certificate(r.header("X-Amz-X509"), "X-Amz-X509");
        List<X509Certificate> chain = new ArrayList<>();
        String chainHeader = r.header("X-Amz-X509-Chain");
        if (chainHeader != null && !chainHeader.isBlank()) {
            for (String part : chainHeader.split(",")) chain.add(certificate(part.trim(), "X-Amz-X509-Chain"));
        }
        verifySignature(r, a, leaf, now);

        Anchor anchor = anchors.get(query.getOrDefault("trustAnchorArn", ""));
        if (anchor == null) throw new RefusedException(404, "ResourceNotFoundException", "Trust anchor not found");
        if (!anchor.enabled()) throw new RefusedException(403, "AccessDeniedException", "Trust anchor is disabled");
        Profile profile = profiles.get(query.getOrDefault("profileArn", ""));
        if (profile == null) throw new RefusedException(404, "ResourceNotFoundException", "Profile not found");
        if (!profile.enabled()) throw new RefusedException(403, "AccessDeniedException", "Profile is disabled");
        verifyPath(leaf, chain, anchor.certificate(), now);
        String roleArn = query.getOrDefault("roleArn", "");
        if (!profile.roleArns().contains(roleArn)) {
            throw new RefusedException(403, "AccessDeniedException", "Role is not associated with the profile");
        }
        int duration = body.get("durationSeconds") instanceof Number n ? n.intValue() : 3600;
        if (duration < 900 || duration > Math.max(900, profile.durationSeconds())) {
            throw new RefusedException(400, "ValidationException", "1 validation error detected: durationSeconds must be between 900 and "
                    + profile.durationSeconds());
        }
        String sessionName = body.get("roleSessionName") instanceof String s ? s : leaf.getSerialNumber().toString(16);
        FakeCredentials c;
        try {
            c = sts.issueServiceRoleSession(roleArn, SERVICE_PRINCIPAL, sessionName, Duration.ofSeconds(duration));
        } catch (IllegalArgumentException | SecurityException e) {
            throw new RefusedException(403, "AccessDeniedException", "Unable to assume role for arn: " + roleArn);
        }
        sessions.incrementAndGet();
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("accessKeyId", c.accessKeyId());
        credentials.put("expiration", c.expiration().toString());
        credentials.put("secretAccessKey", c.secretAccessKey());
        credentials.put("sessionToken", c.sessionToken());
        String account = roleArn.split(":")[4];
        String roleName = roleArn.substring(roleArn.indexOf(":role/") + 6);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("assumedRoleUser", Map.of("arn", "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName,
                "assumedRoleId", "AROA" + Integer.toHexString(roleArn.hashCode()).toUpperCase() + ":" + sessionName));
        set.put("credentials", credentials);
        set.put("packedPolicySize", 0);
        set.put("roleArn", roleArn);
        set.put("sourceIdentity", leaf.getSubjectX500Principal().getName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("credentialSet", List.of(set));
        answer.put("subjectArn", "arn:aws:rolesanywhere:" + region + ":" + account + ":subject/" + UUID.randomUUID());
        return Answer.json(201, Json.write(answer));
    }

    private record Authorization(String algorithm, String serial, String date, String region, String service,
                                 List<String> signedHeaders, String signature) {}

    private static Authorization authorization(String header) {
        if (header == null) throw new RefusedException(403, "AccessDeniedException", "Missing Authorization header");
        String h = header.trim();
        int space = h.indexOf(' ');
        String algorithm = space < 0 ? h : h.substring(0, space);
        if (!algorithm.equals("AWS4-X509-RSA-SHA256") && !algorithm.equals("AWS4-X509-ECDSA-SHA256")) {
            throw new RefusedException(403, "AccessDeniedException", "Unsupported signing algorithm " + algorithm);
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : h.substring(space + 1).split(",")) {
            String p = part.trim();
            if (p.startsWith("Credential=")) credential = p.substring(11);
            else if (p.startsWith("SignedHeaders=")) signedHeaders = p.substring(14);
            else if (p.startsWith("Signature=")) signature = p.substring(10);
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw new RefusedException(403, "AccessDeniedException", "Incomplete Authorization header");
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            throw new RefusedException(403, "AccessDeniedException", "Malformed credential scope");
        }
        return new Authorization(algorithm, scope[0], scope[1], scope[2], scope[3], List.of(signedHeaders.split(";")), signature);
    }

    private void verifySignature(Request r, Authorization a, X509Certificate leaf, Instant now) {
        if (!a.service().equals("rolesanywhere") || !a.region().equals(region)) {
            throw new RefusedException(403, "AccessDeniedException", "Credential should be scoped to " + region + "/rolesanywhere");
        }
        if (!a.serial().equals(leaf.getSerialNumber().toString())) {
            throw new RefusedException(403, "AccessDeniedException", "The credential's serial number is not the certificate's");
        }
        for (String required : List.of("host", "x-amz-date", "x-amz-x509")) {
            if (!a.signedHeaders().contains(required)) {
                throw new RefusedException(403, "AccessDeniedException", required + " must be a signed header");
            }
        }
        if (r.header("X-Amz-X509-Chain") != null && !a.signedHeaders().contains("x-amz-x509-chain")) {
            throw new RefusedException(403, "AccessDeniedException", "x-amz-x509-chain must be a signed header");
        }
        Instant signedAt = SigV4Verifier.requestTime(r);
        String amzDate = SigV4Verifier.AMZ_DATE.format(signedAt);
        if (!amzDate.startsWith(a.date())) throw new RefusedException(403, "AccessDeniedException", "Date in credential scope does not match");
        if (signedAt.isBefore(now.minus(ALLOWED_SKEW)) || signedAt.isAfter(now.plus(ALLOWED_SKEW))) {
            throw new RefusedException(403, "AccessDeniedException", "Signature expired or not yet current: " + amzDate);
        }
        boolean rsaKey = leaf.getPublicKey().getAlgorithm().equals("RSA");
        if (rsaKey != a.algorithm().equals("AWS4-X509-RSA-SHA256")) {
            throw new RefusedException(403, "AccessDeniedException", "The signing algorithm does not fit the certificate's key");
        }
        String canonical = SigV4Verifier.canonicalRequest(r, a.signedHeaders(), SigV4Verifier.hex(SigV4Verifier.sha256(r.body())));
        String stringToSign = a.algorithm() + "\n" + amzDate + "\n" + a.date() + "/" + a.region() + "/" + a.service()
                + "/aws4_request\n" + SigV4Verifier.hex(SigV4Verifier.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        boolean valid;
        try {
            Signature v = Signature.getInstance(rsaKey ? "SHA256withRSA" : "SHA256withECDSA");
            v.initVerify(leaf.getPublicKey());
            v.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            valid = v.verify(unhex(a.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) throw new RefusedException(403, "AccessDeniedException", "The request signature does not match");
    }

    private static void verifyPath(X509Certificate leaf, List<X509Certificate> chain, X509Certificate anchor, Instant now) {
        try {
            List<X509Certificate> path = new ArrayList<>();
            path.add(leaf);
            path.addAll(chain);
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            p.setRevocationEnabled(false);
            p.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(f.generateCertPath(path), p);
        } catch (GeneralSecurityException e) {
            throw new RefusedException(403, "AccessDeniedException", "Untrusted certificate. Insufficient certificate");
        }
    }

    private static X509Certificate certificate(String base64, String header) {
        if (base64 == null || base64.isBlank()) throw new RefusedException(403, "AccessDeniedException", "Missing " + header);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new RefusedException(403, "AccessDeniedException", "Invalid certificate in " + header);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Request r) {
        String text = new String(r.body(), StandardCharsets.UTF_8);
        if (text.isBlank()) return Map.of();
        try {
            if (Json.parse(text) instanceof Map<?, ?> m) return (Map<String, Object>) m;
        } catch (RuntimeException e) {
            // fall through
        }
        throw new RefusedException(400, "ValidationException", "The request body is not a JSON object");
    }

    private static byte[] unhex(String hex) {
        if (hex.length() % 2 != 0) throw new IllegalArgumentException("odd hex");
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        return out;
    }

    private static final class RefusedException extends RuntimeException {
        final int status;
        final String type;

        RefusedException(int status, String type, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
        }
    }
}
