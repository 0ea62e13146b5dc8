package dev.stscreds.wire.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stscreds.Credentials;
import dev.stscreds.testing.Python3;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Signs a few hundred generated requests (odd paths, repeated query names and headers, bodies,
 * tokens, S3 rules) here and with botocore, the AWS CLI's signer, in one python3 run, and
 * compares canonical request, string to sign and signature. Skipped when python3 or botocore is
 * missing.
 */
class BotocoreCrossCheckTest {
    private static final int CASES = 600;
    private static final JsonFactory JSON = new JsonFactory();

    private static final String SCRIPT = String.join("\n",
            "import sys, json",
            "from botocore.auth import SigV4Auth, S3SigV4Auth",
            "from botocore.awsrequest import AWSRequest",
            "from botocore.credentials import Credentials",
            "for line in sys.stdin.read().splitlines():",
            "    c = json.loads(line)",
            "    auth_class = S3SigV4Auth if c['s3'] else SigV4Auth",
            "    auth = auth_class(Credentials(c['accessKey'], c['secretKey'], c.get('token')), c['service'], c['region'])",
            "    req = AWSRequest(method=c['method'], url=c['url'], data=c['body'].encode('utf-8'))",
            "    for name, value in c['headers']:",
            "        req.headers[name] = value",
            "    req.context['timestamp'] = c['amzDate']",
            "    auth._modify_request_before_signing(req)",
            "    creq = auth.canonical_request(req)",
            "    sts = auth.string_to_sign(req, creq)",
            "    print(json.dumps({'creq': creq, 'sts': sts, 'signature': auth.signature(sts, req)}))");

    // already-encoded segments as a client would put them in a URI, and raw characters a URI allows
    private static final String[] PATH_SEGMENTS = {"docs", "a%20b", "c+d", "x%2Fy", "caf%C3%A9", "ü", "$n", "!*'()",
        "a:b@c", "=,;", "~user", ".", "..", "", "ሴ", "😀", "%7E", "%41", "v1.2"};
    // S3 signs the path as sent, so its generated paths are in canonical form already
    private static final String[] S3_PATH_SEGMENTS = {"docs", "a%20b", "c%2Bd", "x%2Fy", "caf%C3%A9", "%24n", "", ".",
        "..", "photo.user", "~u"};
    private static final String[] QUERY_NAMES = {"Action", "a", "A", "b", "%E1%88%B4", "x%2By", "k", "Param-3"};
    private static final String[] QUERY_VALUES = {"", "1", "10", "2", "a%20b", "%2B1", "~", "%2F", "Value"};
    private static final String[] HEADER_NAMES = {"X-Custom", "x-custom", "My-Header", "Content-Type", "X-Amz-Meta-Note",
        "User-Agent", "Content-Length"};
    private static final String[] HEADER_VALUES = {"v1", "  a   b ", "\tx\t\ty", "quoted \"a   b\"", "", "VALUE", "1,2"};
    private static final String[] BODIES = {"", "", "Action=GetCallerIdentity&Version=2011-06-15", "{\"k\": \"Zoë ሴ 😀\"}"};
    private static final String[] SERVICES = {"sts", "iam", "service", "execute-api"};
    private static final String[] REGIONS = {"us-east-1", "eu-west-1", "ap-southeast-2"};

    @Test
    void signaturesMatchBotocore() throws Exception {
        Random random = new Random(20260102L);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) cases.add(Case.random(random, i));
        List<String> lines = new ArrayList<>();
        for (Case c : cases) lines.add(c.toJson());

        List<String> botocore = assertTimeoutPreemptively(Duration.ofSeconds(90),
                () -> Python3.run(SCRIPT, lines, "botocore"));

        assertThat(botocore).hasSize(CASES);
        for (int i = 0; i < CASES; i++) {
            Case c = cases.get(i);
            Map<String, String> expected = parse(botocore.get(i));
            SignedRequest signed = c.sign();
            String what = "case " + i + ": " + c.method + " " + c.url + (c.s3 ? " (S3)" : "");
            assertThat(signed.canonicalRequest()).as(what).isEqualTo(expected.get("creq"));
            assertThat(signed.stringToSign()).as(what).isEqualTo(expected.get("sts"));
            assertThat(signed.signature()).as(what).isEqualTo(expected.get("signature"));
        }
    }

    private static Map<String, String> parse(String line) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                fields.put(name, p.getText());
            }
        }
        return fields;
    }

    private static final class Case {
        String method;
        String url;
        boolean s3;
        String service;
        String region;
        Instant time;
        String token;
        String secret;
        final List<String[]> headers = new ArrayList<>();
        String body;

        static Case random(Random r, int index) {
            Case c = new Case();
            c.s3 = r.nextInt(4) == 0;
            c.method = pick(r, new String[] {"GET", "POST", "PUT", "DELETE"});
            StringBuilder path = new StringBuilder();
            int segments = r.nextInt(7);
            for (int i = 0; i < segments; i++) path.append('/').append(pick(r, c.s3 ? S3_PATH_SEGMENTS : PATH_SEGMENTS));
            if (path.length() == 0 || r.nextBoolean()) path.append('/');
            StringBuilder query = new StringBuilder();
            int params = r.nextInt(5);
            for (int i = 0; i < params; i++) {
                if (i > 0) query.append('&');
                query.append(pick(r, QUERY_NAMES));
                if (r.nextInt(5) > 0) query.append('=').append(pick(r, QUERY_VALUES));
            }
            String host = r.nextInt(5) == 0 ? "127.0.0.1:" + (1024 + r.nextInt(60000)) : "example.amazonaws.com";
            c.url = (host.startsWith("127") ? "http://" : "https://") + host + path + (params > 0 ? "?" + query : "");
            int headerCount = r.nextInt(5);
            for (int i = 0; i < headerCount; i++) c.headers.add(new String[] {pick(r, HEADER_NAMES), pick(r, HEADER_VALUES)});
            c.body = pick(r, BODIES);
            c.service = c.s3 ? "s3" : pick(r, SERVICES);
            c.region = pick(r, REGIONS);
            c.time = Instant.ofEpochSecond(1_420_070_400L + (long) (r.nextDouble() * 500_000_000L));
            c.token = r.nextInt(3) == 0 ? "token/" + index + "+EXAMPLE==" : null;
            c.secret = "secret/" + index + "+EXAMPLEKEY";
            return c;
        }

        SignedRequest sign() {
            SigV4Signer.Builder signer = SigV4Signer.builder(service, region);
            if (s3) signer.forS3();
            SignableRequest.Builder request = SignableRequest.builder(method, URI.create(url)).payload(body);
            headers.forEach(h -> request.header(h[0], h[1]));
            Credentials creds = Credentials.builder().accessKeyId("AKIDEXAMPLE").secretAccessKey(secret)
                    .sessionToken(token).source("test").build();
            return signer.build().sign(request.build(), creds, time);
        }

        String toJson() throws IOException {
            StringWriter out = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("method", method);
                g.writeStringField("url", url);
                g.writeBooleanField("s3", s3);
                g.writeStringField("service", service);
                g.writeStringField("region", region);
                g.writeStringField("amzDate", AmzDate.format(time));
                g.writeStringField("accessKey", "AKIDEXAMPLE");
                g.writeStringField("secretKey", secret);
                if (token != null) g.writeStringField("token", token);
                g.writeArrayFieldStart("headers");
                for (String[] h : headers) {
                    g.writeStartArray();
                    g.writeString(h[0]);
                    g.writeString(h[1]);
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeStringField("body", body);
                g.writeEndObject();
            }
            return out.toString();
        }

        private static String pick(Random r, String[] options) {
            return options[r.nextInt(options.length)];
        }
    }
}
