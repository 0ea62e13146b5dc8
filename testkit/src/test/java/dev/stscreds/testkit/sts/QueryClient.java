package dev.stscreds.testkit.sts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A minimal Query-protocol client for tests: signs {@code POST /} with SigV4 (its own small signer,
 * separate from the server's verifier) and reads the XML answer.
 */
final class QueryClient {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The credentials to sign with; token null for long-term keys. */
    record Creds(String accessKeyId, String secret, String token) {
        static Creds of(AccessKey k) {
            return new Creds(k.accessKeyId(), k.secretAccessKey(), null);
        }
    }

    /** An answer: status, body, its content type and the {@code x-amzn-RequestId} header. */
    record Reply(int status, String body, String contentType, String requestIdHeader) {
        /** Text of the first element with this name, or null. */
        String value(String element) {
            NodeList nodes = document().getElementsByTagName(element);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
        }

        int count(String element) {
            return document().getElementsByTagName(element).getLength();
        }

        String code() {
            return value("Code");
        }

        String message() {
            return value("Message");
        }

        Creds credentials() {
            return new Creds(value("AccessKeyId"), value("SecretAccessKey"), value("SessionToken"));
        }

        private Document document() {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("not XML: " + body, e);
            }
        }
    }

    /** How one request is signed and sent; tests bend one thing at a time. */
    static final class Call {
        String service = "sts";
        String region = "us-east-1";
        Creds creds;
        Instant signedAt;
        boolean signed = true;
        String contentType = "application/x-www-form-urlencoded; charset=utf-8";
        /** Sent instead of the signed content type, to tamper with it. */
        String sentContentType;
        int readTimeoutMillis = 5000;
        /** Applied to the body after signing, to tamper with it. */
        UnaryOperator<String> afterSigning = UnaryOperator.identity();
        final Map<String, String> params = new LinkedHashMap<>();
    }

    private final URI endpoint;
    private final Clock clock;

    QueryClient(URI endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** A signed STS call with these parameters (Version added). */
    Reply sts(Creds creds, String action, String... params) {
        return send(call("sts", creds, action, "2011-06-15", params));
    }

    Reply iam(Creds creds, String action, String... params) {
        return send(call("iam", creds, action, "2010-05-08", params));
    }

    Call call(String service, Creds creds, String action, String version, String... params) {
        Call c = new Call();
        c.service = service;
        c.creds = creds;
        c.signed = creds != null;
        c.params.put("Action", action);
        c.params.put("Version", version);
        for (int i = 0; i < params.length; i += 2) c.params.put(params[i], params[i + 1]);
        return c;
    }

    Reply send(Call c) {
        try {
            StringBuilder form = new StringBuilder();
            for (Map.Entry<String, String> p : c.params.entrySet()) {
                if (form.length() > 0) form.append('&');
                form.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            }
            String signedBody = form.toString();
            HttpURLConnection http = (HttpURLConnection) endpoint.toURL().openConnection(Proxy.NO_PROXY);
            http.setConnectTimeout(5000);
            http.setReadTimeout(c.readTimeoutMillis);
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            if (c.signed) {
                Instant at = c.signedAt != null ? c.signedAt : clock.instant();
                Map<String, String> headers = new TreeMap<>();
                headers.put("content-type", c.contentType);
                headers.put("host", endpoint.getHost() + ":" + endpoint.getPort());
                headers.put("x-amz-date", AMZ_DATE.format(at));
                if (c.creds.token() != null) headers.put("x-amz-security-token", c.creds.token());
                String authorization = authorization(c, headers, signedBody, at);
                headers.forEach((k, v) -> { if (!k.equals("host")) http.setRequestProperty(k, v); });
                http.setRequestProperty("Authorization", authorization);
            }
            http.setRequestProperty("Content-Type", c.sentContentType != null ? c.sentContentType : c.contentType);
            try (OutputStream out = http.getOutputStream()) {
                out.write(c.afterSigning.apply(signedBody).getBytes(StandardCharsets.UTF_8));
            }
            int status = http.getResponseCode();
            try (InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
                byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
                // HttpURLConnection hands over a body cut short by a closed connection without a word
                long promised = http.getContentLengthLong();
                if (promised >= 0 && bytes.length < promised) {
                    throw new IOException("connection closed after " + bytes.length + " of " + promised + " bytes");
                }
                String body = new String(bytes, StandardCharsets.UTF_8);
                return new Reply(status, body, http.getContentType(), http.getHeaderField("x-amzn-RequestId"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String authorization(Call c, Map<String, String> headers, String body, Instant at) {
        String amzDate = AMZ_DATE.format(at);
        String date = amzDate.substring(0, 8);
        String signedHeaders = String.join(";", headers.keySet());
        StringBuilder canonical = new StringBuilder("POST\n/\n\n");
        headers.forEach((k, v) -> canonical.append(k).append(':').append(v.trim()).append('\n'));
        canonical.append('\n').append(signedHeaders).append('\n').append(hex(sha256(body)));
        String scope = date + "/" + c.region + "/" + c.service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical.toString()));
        byte[] key = hmac(("AWS4" + c.creds.secret()).getBytes(StandardCharsets.UTF_8), date);
        for (String part : new String[] {c.region, c.service, "aws4_request"}) key = hmac(key, part);
        return "AWS4-HMAC-SHA256 Credential=" + c.creds.accessKeyId() + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + hex(hmac(key, toSign));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
