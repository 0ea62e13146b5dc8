package dev.stscreds.wire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stscreds.Credentials;
import dev.stscreds.testing.Python3;
import dev.stscreds.wire.sigv4.SigV4Signer;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headers of a signed command-line request (what {@code stscreds curl --sign-only} prints),
 * header by header, against botocore's {@code SigV4Auth.add_auth} at a frozen time, on a few
 * hundred generated requests: odd paths (dots, {@code ..}, escapes, unicode), queries with repeated
 * names, empty values and reserved characters, repeated and folded headers, empty, text, binary
 * and file bodies, session tokens, S3's rules. Skipped when python3 or botocore is missing.
 *
 * <p>What botocore is given, and why (each a difference of botocore's own, not of the signature):
 * <ul>
 *   <li>The URL as it is sent ({@link CommandLineRequest#uri()}: ASCII, {@code +} as {@code %2B}),
 *       because that is what the server rebuilds the canonical request from.
 *   <li>The query as decoded name/value pairs ({@code params}), the way botocore's serializers feed
 *       it: given a URL, botocore signs the query string verbatim (no decoding, no re-encoding), so
 *       a raw {@code :} or {@code /} would be signed as such while AWS rebuilds {@code %3A}. Pairs
 *       are text in Python, so generated escapes are valid UTF-8.
 *   <li>For S3 only paths already in canonical form: botocore's S3 signer signs the path verbatim
 *       (its serializer has quoted the key), where AWS encodes it once, as we do; for a canonical
 *       path the two are the same.
 *   <li>Header values as the command line leaves them (blanks after the colon dropped, as curl
 *       does); botocore keeps a folded value's line breaks, which HTTP cannot send, so its value is
 *       compared with each CR and LF as a space: SigV4 collapses whitespace runs, so the
 *       Authorization header must, and does, match exactly.
 *   <li>botocore adds no Host header (its HTTP client does); it signs {@code _host_from_url(url)},
 *       which is what it reports here as Host.
 * </ul>
 */
class CommandLineRequestBotocoreTest {
    private static final int CASES = 400;
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final String SCRIPT = String.join("\n",
            "import sys, json, base64, datetime",
            "from unittest import mock",
            "from urllib.parse import urlsplit, parse_qsl",
            "import botocore.auth",
            "from botocore.auth import SigV4Auth, S3SigV4Auth, _host_from_url",
            "from botocore.awsrequest import AWSRequest",
            "from botocore.credentials import Credentials",
            "for line in sys.stdin.read().splitlines():",
            "    c = json.loads(line)",
            "    auth_class = S3SigV4Auth if c['service'] == 's3' else SigV4Auth",
            "    auth = auth_class(Credentials(c['accessKey'], c['secretKey'], c.get('token')), c['service'], c['region'])",
            "    parts = urlsplit(c['url'])",
            "    params = parse_qsl(parts.query, keep_blank_values=True)",
            "    url = parts.scheme + '://' + parts.netloc + parts.path",
            "    req = AWSRequest(method=c['method'], url=url, data=base64.b64decode(c['body']), params=params)",
            "    for name, value in c['headers']:",
            "        req.headers[name] = value",
            "    frozen = datetime.datetime.strptime(c['amzDate'], '%Y%m%dT%H%M%SZ')",
            "    with mock.patch('botocore.auth.get_current_datetime', return_value=frozen):",
            "        auth.add_auth(req)",
            "    headers = [['Host', _host_from_url(url)]] + [[k, v] for k, v in req.headers.items()]",
            "    print(json.dumps(headers))");

    private static final String[] PATH_SEGMENTS = {"docs", "a%20b", "c+d", "x%2Fy", "caf%C3%A9", "é", "ü", "$n", "!*'()",
        "a:b@c", "=,;", "~user", ".", "..", "", "ሴ", "😀", "%7E", "%41", "v1.2", "...", ".hidden"};
    private static final String[] S3_PATH_SEGMENTS = {"docs", "a%20b", "c%2Bd", "x%2Fy", "caf%C3%A9", "é", "%24n", "", ".",
        "..", "photo.user", "~u", "😀"};
    private static final String[] QUERY_NAMES = {"Action", "a", "A", "b", "%E1%88%B4", "ሴ", "x%2By", "k", "Param-3", "a+b", "p:q",
        "list[]", "%7e"};
    private static final String[] QUERY_VALUES = {"", "1", "10", "2", "a%20b", "%2B1", "+", "a+b", "~", "%2F", "/x:y@z", "$&'()*",
        "b=c", "100%", "Zoë", "%e2%82%ac", "!", ";,"};
    private static final String[] HEADER_NAMES = {"X-Custom", "x-custom", "X-CUSTOM", "My-Header", "Content-Type", "X-Amz-Meta-Note",
        "User-Agent", "X-Amz-Date", "Accept", "X-Amz-Security-Token", "Authorization"};
    private static final String[] HEADER_VALUES = {"v1", "  a   b ", "\tx\t\ty", "quoted \"a   b\"", "", "VALUE", "1,2",
        "line one\n  line two", "a\r\n\tb\r\n c", "trailing   ", "x  \t  y"};
    private static final String[] SERVICES = {"sts", "iam", "service", "execute-api", "es", "s3"};
    private static final String[] REGIONS = {"us-east-1", "eu-west-1", "ap-southeast-2"};

    @TempDir
    Path folder;

    @Test
    void headersMatchBotocoreHeaderByHeader() throws Exception {
        Random random = new Random(20261122L);
        List<Case> cases = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Case c = Case.random(random, i, folder);
            cases.add(c);
            lines.add(c.toJson());
        }

        List<String> botocore = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> Python3.run(SCRIPT, lines, "botocore"));

        assertThat(botocore).hasSize(CASES);
        int withFolds = 0;
        for (int i = 0; i < CASES; i++) {
            Case c = cases.get(i);
            Map<String, List<String>> theirs = byName(parseHeaders(botocore.get(i)), true);
            Map<String, List<String>> ours = byName(c.signedLines(), false);
            assertThat(ours).as("case %d: %s %s (%s)", i, c.request.method(), c.request.uri(), c.service).isEqualTo(theirs);
            if (c.headerLines.stream().anyMatch(h -> h.contains("\n"))) withFolds++;
        }
        assertThat(withFolds).as("cases with folded header values").isGreaterThan(20);
    }

    /** Lower-cased name → values in order; botocore's CR and LF shown as the spaces HTTP sends. */
    private static Map<String, List<String>> byName(List<String[]> headers, boolean unfold) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String[] h : headers) {
            String value = unfold ? h[1].replace('\r', ' ').replace('\n', ' ') : h[1];
            map.computeIfAbsent(h[0].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
        }
        return new java.util.TreeMap<>(map);
    }

    private static List<String[]> parseHeaders(String line) throws IOException {
        List<String[]> headers = new ArrayList<>();
        try (JsonParser p = JSON.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.START_ARRAY) {
                p.nextToken();
                String name = p.getText();
                p.nextToken();
                headers.add(new String[] {name, p.getText()});
                p.nextToken();
            }
        }
        return headers;
    }

    private static final class Case {
        String service;
        String region;
        Instant time;
        String token;
        String secret;
        byte[] body;
        final List<String> headerLines = new ArrayList<>();
        CommandLineRequest request;

        static Case random(Random r, int index, Path folder) throws IOException {
            Case c = new Case();
            c.service = pick(r, SERVICES);
            boolean s3 = c.service.equals("s3");
            String method = pick(r, new String[] {"GET", "POST", "PUT", "DELETE", "patch"});
            StringBuilder path = new StringBuilder();
            int segments = r.nextInt(7);
            for (int i = 0; i < segments; i++) path.append('/').append(pick(r, s3 ? S3_PATH_SEGMENTS : PATH_SEGMENTS));
            if (r.nextBoolean()) path.append('/');
            StringBuilder query = new StringBuilder();
            int params = r.nextInt(6);
            for (int i = 0; i < params; i++) {
                if (i > 0) query.append('&');
                query.append(pick(r, QUERY_NAMES));
                if (r.nextInt(5) > 0) query.append('=').append(pick(r, QUERY_VALUES));
            }
            String host = r.nextInt(4) == 0 ? "http://127.0.0.1:" + (1024 + r.nextInt(60000))
                    : r.nextInt(3) == 0 ? "https://Example.AmazonAWS.com:443" : "https://example.amazonaws.com";
            String url = host + path + (params > 0 ? "?" + query : "") + (r.nextInt(10) == 0 ? "#fragment" : "");
            int headerCount = r.nextInt(6);
            for (int i = 0; i < headerCount; i++) {
                String value = pick(r, HEADER_VALUES);
                c.headerLines.add(r.nextInt(8) == 0 && value.isEmpty() ? pick(r, HEADER_NAMES) + ";" : pick(r, HEADER_NAMES) + ": " + value);
            }
            c.body = body(r);
            RequestBody body = c.body == null ? RequestBody.none() : RequestBody.of(c.body);
            if (c.body != null && r.nextBoolean()) {
                Path file = Files.write(folder.resolve("body-" + index), c.body);
                body = RequestBody.ofFile(file);
            }
            c.request = CommandLineRequest.of(method, url, c.headerLines, body);
            c.region = pick(r, REGIONS);
            c.time = Instant.ofEpochSecond(1_420_070_400L + (long) (r.nextDouble() * 500_000_000L));
            c.token = r.nextInt(3) == 0 ? "token/" + index + "+EXAMPLE==" : null;
            c.secret = "secret/" + index + "+EXAMPLEKEY";
            return c;
        }

        private static byte[] body(Random r) {
            switch (r.nextInt(4)) {
                case 0: return null;
                case 1: return new byte[0];
                case 2: return "Action=GetCallerIdentity&Version=2011-06-15 Zoë ሴ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                default:
                    byte[] bytes = new byte[r.nextInt(5000)];
                    r.nextBytes(bytes);
                    return bytes;
            }
        }

        List<String[]> signedLines() throws IOException {
            Credentials creds = Credentials.builder().accessKeyId("AKIDEXAMPLE").secretAccessKey(secret)
                    .sessionToken(token).source("test").build();
            List<String[]> headers = new ArrayList<>();
            for (String line : CommandLineRequest.headerLines(request.sign(SigV4Signer.forService(service, region), creds, time))) {
                int colon = line.indexOf(": ");
                headers.add(new String[] {line.substring(0, colon), line.substring(colon + 2)});
            }
            return headers;
        }

        String toJson() throws IOException {
            StringWriter out = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("method", request.method());
                g.writeStringField("url", request.uri().toString());
                g.writeStringField("service", service);
                g.writeStringField("region", region);
                g.writeStringField("amzDate", AMZ_DATE.format(time));
                g.writeStringField("accessKey", "AKIDEXAMPLE");
                g.writeStringField("secretKey", secret);
                if (token != null) g.writeStringField("token", token);
                g.writeArrayFieldStart("headers");
                // the request keeps the header lines' order, one header per line
                for (int i = 0; i < headerLines.size(); i++) {
                    g.writeStartArray();
                    g.writeString(request.headers().get(i).name());
                    g.writeString(rawValue(headerLines.get(i)));
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeStringField("body", Base64.getEncoder().encodeToString(body == null ? new byte[0] : body));
                g.writeEndObject();
            }
            return out.toString();
        }

        /** The value as the user wrote it (line breaks kept), the blanks after the colon dropped as curl does. */
        private static String rawValue(String line) {
            int colon = line.indexOf(':');
            return colon < 0 ? "" : line.substring(colon + 1).stripLeading();
        }

        private static String pick(Random r, String[] options) {
            return options[r.nextInt(options.length)];
        }
    }
}
