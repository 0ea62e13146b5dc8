package dev.stscreds.wire.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SigV4SignerTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLEsessionTOKENvalue/with+slash==";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Credentials LONG_TERM = Credentials.of("AKIDEXAMPLE", SECRET, "test");
    private static final Credentials SESSION = LONG_TERM.toBuilder().sessionToken(TOKEN).build();

    private final SigV4Signer signer = SigV4Signer.create("service", "eu-west-1");

    @Test
    void sessionTokenIsAddedAsASignedHeader() {
        SignableRequest request = get("https://example.amazonaws.com/");

        SignedRequest signed = signer.sign(request, SESSION, NOW);

        assertThat(signed.header("x-amz-security-token")).contains(TOKEN);
        assertThat(signed.signedHeaders()).isEqualTo("host;x-amz-date;x-amz-security-token");
        assertThat(signed.canonicalRequest()).contains("\nx-amz-security-token:" + TOKEN + "\n");
        assertThat(signed.signature()).isNotEqualTo(signer.sign(request, LONG_TERM, NOW).signature());
    }

    @Test
    void sessionTokenCanBeAddedAfterSigning() {
        SigV4Signer tokenAfter = SigV4Signer.builder("service", "eu-west-1").signSessionToken(false).build();
        SignableRequest request = get("https://example.amazonaws.com/");

        SignedRequest signed = tokenAfter.sign(request, SESSION, NOW);

        assertThat(signed.header("X-Amz-Security-Token")).contains(TOKEN);
        assertThat(signed.signedHeaders()).isEqualTo("host;x-amz-date");
        // the token is outside the signature: same signature as without a token
        assertThat(signed.signature()).isEqualTo(signer.sign(request, LONG_TERM, NOW).signature());
    }

    @Test
    void aGivenTokenHeaderIsReplacedNotRepeated() {
        SignableRequest request = SignableRequest.builder("GET", URI.create("https://example.amazonaws.com/"))
                .header("X-Amz-Security-Token", "stale-token").build();

        SignedRequest signed = signer.sign(request, SESSION, NOW);

        assertThat(signed.headers()).filteredOn(h -> h.is("x-amz-security-token"))
                .extracting(HttpHeader::value).containsExactly(TOKEN);
    }

    @Test
    void bodyAndOddPathCharactersAreEncodedAsAwsExpects() throws Exception {
        String body = "Action=Test&Name=Zoë";
        SignableRequest request = SignableRequest.builder("POST",
                        URI.create("https://example.amazonaws.com/docs/a%20b/c+d/x%2Fy/caf%C3%A9/ü/$n?q=a%20b&q=%2B1&k"))
                .header("Content-Type", "text/plain")
                .header("My-Header", "  two   words ")
                .payload(body)
                .build();
        String bodyHash = sha256Hex(body.getBytes(StandardCharsets.UTF_8));

        SignedRequest signed = signer.sign(request, LONG_TERM, NOW);

        // every segment of the (already encoded) path encoded again; '+' and '$' escaped; UTF-8 escaped
        String expectedCreq = "POST\n"
                + "/docs/a%2520b/c%2Bd/x%252Fy/caf%25C3%25A9/%C3%BC/%24n\n"
                + "k=&q=%2B1&q=a%20b\n"
                + "content-type:text/plain\n"
                + "host:example.amazonaws.com\n"
                + "my-header:two words\n"
                + "x-amz-date:20260102T030405Z\n"
                + "\n"
                + "content-type;host;my-header;x-amz-date\n"
                + bodyHash;
        assertThat(signed.canonicalRequest()).isEqualTo(expectedCreq);
        String expectedSts = "AWS4-HMAC-SHA256\n20260102T030405Z\n20260102/eu-west-1/service/aws4_request\n"
                + sha256Hex(expectedCreq.getBytes(StandardCharsets.UTF_8));
        assertThat(signed.stringToSign()).isEqualTo(expectedSts);
        assertThat(signed.signature()).isEqualTo(referenceSignature(SECRET, "20260102", "eu-west-1", "service", expectedSts));
        assertThat(signed.authorization()).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/eu-west-1/service/aws4_request, "
                + "SignedHeaders=content-type;host;my-header;x-amz-date, Signature=" + signed.signature());
    }

    @Test
    void s3SignsThePathEncodedOnceUnnormalisedWithThePayloadHashHeader() throws Exception {
        SigV4Signer s3 = SigV4Signer.builder("s3", "eu-west-1").forS3().build();
        byte[] body = "object body".getBytes(StandardCharsets.UTF_8);
        SignableRequest request = SignableRequest.builder("PUT",
                        URI.create("https://bucket.s3.amazonaws.com/my-object//a%20b/./c+d/x%2Fy/ü"))
                .payload(body).build();

        SignedRequest signed = s3.sign(request, LONG_TERM, NOW);

        assertThat(signed.canonicalRequest()).startsWith("PUT\n/my-object//a%20b/./c%2Bd/x%2Fy/%C3%BC\n\n");
        assertThat(signed.header("x-amz-content-sha256")).contains(sha256Hex(body));
        assertThat(signed.signedHeaders()).isEqualTo("host;x-amz-content-sha256;x-amz-date");
    }

    @Test
    void aPrecomputedPayloadHashIsSignedAsGiven() throws Exception {
        byte[] body = "streamed elsewhere".getBytes(StandardCharsets.UTF_8);
        String hash = sha256Hex(body);
        SignableRequest byBytes = SignableRequest.builder("PUT", URI.create("https://example.amazonaws.com/x")).payload(body).build();
        SignableRequest byHash = SignableRequest.builder("PUT", URI.create("https://example.amazonaws.com/x"))
                .payloadSha256Hex(hash.toUpperCase()).build();

        assertThat(signer.sign(byHash, LONG_TERM, NOW).canonicalRequest()).endsWith("\n" + hash)
                .isEqualTo(signer.sign(byBytes, LONG_TERM, NOW).canonicalRequest());
        assertThatThrownBy(() -> SignableRequest.builder("PUT", URI.create("https://h/")).payloadSha256Hex("abc"))
                .hasMessageContaining("64 hex digits");
    }

    @Test
    void formPostForTheStsQueryProtocol() throws Exception {
        SigV4Signer sts = SigV4Signer.create("sts", "us-east-1");
        String form = "Action=GetCallerIdentity&Version=2011-06-15";

        SignedRequest signed = sts.signFormPost(URI.create("https://sts.us-east-1.amazonaws.com"), form, SESSION, NOW);

        assertThat(signed.method()).isEqualTo("POST");
        assertThat(signed.uri()).isEqualTo(URI.create("https://sts.us-east-1.amazonaws.com/"));
        assertThat(signed.headers()).extracting(HttpHeader::name).containsExactly(
                "Content-Type", "Host", "X-Amz-Date", "X-Amz-Security-Token", "Authorization");
        assertThat(signed.header("content-type")).contains("application/x-www-form-urlencoded; charset=utf-8");
        assertThat(signed.canonicalRequest()).startsWith("POST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\n"
                        + "host:sts.us-east-1.amazonaws.com\n")
                .endsWith("\n\ncontent-type;host;x-amz-date;x-amz-security-token\n"
                        + sha256Hex(form.getBytes(StandardCharsets.UTF_8)));
        assertThat(signed.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/sts/aws4_request, ");
    }

    @Test
    void hostHeaderKeepsOnlyANonDefaultPort() {
        assertThat(signer.sign(get("http://127.0.0.1:8080/"), LONG_TERM, NOW).header("Host")).contains("127.0.0.1:8080");
        assertThat(signer.sign(get("https://example.com:443/"), LONG_TERM, NOW).header("Host")).contains("example.com");
        assertThat(signer.sign(get("http://example.com:80/"), LONG_TERM, NOW).header("Host")).contains("example.com");
        assertThat(signer.sign(get("https://[::1]:9000/"), LONG_TERM, NOW).header("Host")).contains("[::1]:9000");
        assertThatThrownBy(() -> signer.sign(get("/relative"), LONG_TERM, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Host header");
    }

    @Test
    void givenDateIsReplacedAndGivenAuthorizationDropped() {
        SignableRequest request = SignableRequest.builder("GET", URI.create("https://example.amazonaws.com/"))
                .header("Authorization", "AWS4-HMAC-SHA256 old")
                .header("X-Amz-Date", "20000101T000000Z")
                .header("User-Agent", "test/1.0")
                .build();

        SignedRequest signed = signer.sign(request, LONG_TERM, NOW);

        assertThat(signed.headers()).extracting(HttpHeader::toString).containsExactly(
                "X-Amz-Date: 20260102T030405Z", "User-Agent: test/1.0", "Host: example.amazonaws.com", "Authorization: ****");
        assertThat(signed.signedHeaders()).as("user-agent is rewritten by proxies, so not signed").isEqualTo("host;x-amz-date");
    }

    @Test
    void theCachedSigningKeyFollowsSecretAndDay() throws Exception {
        Credentials other = Credentials.of("AKIDEXAMPLE", "another/secret+key0123456789EXAMPLE", "test");
        SignableRequest request = get("https://example.amazonaws.com/");
        Instant nextDay = NOW.plusSeconds(86_400);

        SignedRequest first = signer.sign(request, LONG_TERM, NOW);
        SignedRequest otherSecret = signer.sign(request, other, NOW);
        SignedRequest again = signer.sign(request, LONG_TERM, NOW);
        SignedRequest tomorrow = signer.sign(request, LONG_TERM, nextDay);

        assertThat(first.signature())
                .isEqualTo(referenceSignature(SECRET, "20260102", "eu-west-1", "service", first.stringToSign()))
                .isEqualTo(again.signature());
        assertThat(otherSecret.signature()).isEqualTo(referenceSignature(other.secretAccessKey(), "20260102", "eu-west-1",
                "service", otherSecret.stringToSign()));
        assertThat(tomorrow.signature()).isEqualTo(referenceSignature(SECRET, "20260103", "eu-west-1", "service",
                tomorrow.stringToSign()));
    }

    @Test
    void manyThreadsSharingOneSignerAlwaysGetTheRightKey() throws Exception {
        // three secrets and two days make the one-entry key cache and the per-thread HMAC key churn
        Credentials[] creds = {LONG_TERM, Credentials.of("AKIDEXAMPLE", "second/secret", "test"),
            Credentials.of("AKIDEXAMPLE", "third+secret", "test")};
        Instant[] days = {NOW, NOW.plusSeconds(86_400)};
        SignableRequest request = get("https://example.amazonaws.com/shared");
        String[][] expected = new String[creds.length][days.length];
        for (int c = 0; c < creds.length; c++) {
            for (int d = 0; d < days.length; d++) {
                expected[c][d] = SigV4Signer.create("service", "eu-west-1").sign(request, creds[c], days[d]).signature();
            }
        }
        int threads = 8;
        int perThread = 500;
        AtomicInteger right = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                int seed = t;
                pool.submit(() -> {
                    start.await();
                    Random random = new Random(seed);
                    for (int i = 0; i < perThread; i++) {
                        int c = random.nextInt(creds.length);
                        int d = random.nextInt(days.length);
                        String signature = signer.sign(request, creds[c], days[d]).signature();
                        (signature.equals(expected[c][d]) ? right : wrong).incrementAndGet();
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(wrong.get()).isZero();
        assertThat(right.get()).isEqualTo(threads * perThread);
    }

    @Test
    void toStringNeverShowsTheSecretOrToken() {
        SignableRequest request = SignableRequest.builder("GET", URI.create("https://example.amazonaws.com/p?X-Amz-Security-Token=" + TOKEN))
                .header("X-Amz-Security-Token", TOKEN).build();
        SignedRequest signed = signer.sign(request, SESSION, NOW);

        for (Object o : new Object[] {signer, request, signed, signed.headers()}) {
            assertThat(o.toString()).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain(signed.signature());
        }
        assertThat(request.toString()).contains("GET https://example.amazonaws.com/p");
        assertThat(signer.toString()).contains("service=service", "region=eu-west-1");
    }

    @Test
    void badServiceOrRegionNamesAreRefused() {
        assertThatThrownBy(() -> SigV4Signer.create("sts", "eu west 1")).hasMessageContaining("region");
        assertThatThrownBy(() -> SigV4Signer.create("", "eu-west-1")).hasMessageContaining("service");
    }

    private static SignableRequest get(String uri) {
        return SignableRequest.builder("GET", URI.create(uri)).build();
    }

    private static String sha256Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** The key chain written out step by step, independent of the signer's cache and engines. */
    private static String referenceSignature(String secret, String date, String region, String service, String sts)
            throws Exception {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, sts));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
