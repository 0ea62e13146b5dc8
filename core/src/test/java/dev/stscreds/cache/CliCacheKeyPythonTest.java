package dev.stscreds.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.stscreds.testing.Python3;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link CliCacheKey} with the real Python for a few hundred generated argument maps
 * (unicode, astral and lone surrogates, quotes, control characters, big ints, floats, nested
 * policies), all in one python3 run. Skipped when python3 is not on PATH.
 */
class CliCacheKeyPythonTest {
    private static final int CASES = 400;
    // Jackson as an independent carrier to Python: every non-ASCII char as its own \\u escape,
    // so lone surrogates travel too
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String SCRIPT = String.join("\n",
            "import sys, json, hashlib",
            "for line in sys.stdin.read().splitlines():",
            "    text = json.dumps(json.loads(line), sort_keys=True)",
            "    print(text + '\\t' + hashlib.sha1(text.encode('utf-8')).hexdigest())");

    private static final String[] ODD_CHARS = {"\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u0001", "\u001f",
        "\u007f", "\u0080", "é", "ü", "ÿ", "\u00a0", "ሴ", "\u2028", "\ufeff", "\uffff", "😀", "𝄞", "\ud800", "\udfff", " "};
    private static final String[] AWS_KEYS = {"RoleArn", "RoleSessionName", "ExternalId", "SerialNumber", "DurationSeconds",
        "Policy", "Version", "Statement", "Effect", "Action", "Resource", "Condition", "Sid"};
    private static final double[] ODD_DOUBLES = {0.0, -0.0, 1.0, 0.1, 1e-5, 1e-4, 1e15, 1e16, 1e22, 2e23, 4.9e-324,
        1.7976931348623157e308, 123456.789, -2.5, 1 / 3.0};

    @Test
    void keysMatchPython() throws Exception {
        Random random = new Random(9211L);
        List<Map<String, Object>> cases = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> args = randomArgs(random);
            cases.add(args);
            lines.add(toJson(args));
        }

        List<String> python = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> Python3.run(SCRIPT, lines));

        assertThat(python).hasSize(CASES);
        for (int i = 0; i < CASES; i++) {
            String[] expected = python.get(i).split("\t");
            assertThat(PythonJson.dumpsSortedKeys(cases.get(i))).as("case %d", i).isEqualTo(expected[0]);
            assertThat(CliCacheKey.of(cases.get(i))).as("case %d", i).isEqualTo(expected[1]);
        }
    }

    private static Map<String, Object> randomArgs(Random r) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("RoleArn", "arn:aws:iam::" + (100_000_000_000L + r.nextInt(1_000_000)) + ":role/" + randomString(r));
        if (r.nextBoolean()) args.put("RoleSessionName", randomString(r));
        if (r.nextBoolean()) args.put("ExternalId", randomString(r));
        if (r.nextBoolean()) args.put("SerialNumber", "arn:aws:iam::123456789012:mfa/" + randomString(r));
        if (r.nextBoolean()) args.put("DurationSeconds", 900 + r.nextInt(42_301));
        if (r.nextInt(3) == 0) args.put("Policy", randomMap(r, 0));
        if (r.nextInt(4) == 0) args.put(randomString(r), randomValue(r, 1));
        return args;
    }

    private static Object randomValue(Random r, int depth) {
        switch (r.nextInt(depth < 3 ? 10 : 8)) {
            case 0: case 1: case 2: return randomString(r);
            case 3: return r.nextInt() >> r.nextInt(31);
            case 4: return r.nextBoolean() ? new BigInteger(80, r).negate() : (Object) r.nextLong();
            case 5: return r.nextBoolean() ? (Object) r.nextBoolean() : null;
            case 6: return ODD_DOUBLES[r.nextInt(ODD_DOUBLES.length)];
            case 7: return randomDouble(r);
            case 8: return randomMap(r, depth + 1);
            default:
                List<Object> list = new ArrayList<>();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) list.add(randomValue(r, depth + 1));
                return list;
        }
    }

    private static Map<String, Object> randomMap(Random r, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            String key = r.nextBoolean() ? AWS_KEYS[r.nextInt(AWS_KEYS.length)] : randomString(r);
            map.put(key, randomValue(r, depth + 1));
        }
        return map;
    }

    private static double randomDouble(Random r) {
        double d;
        do {
            d = Double.longBitsToDouble(r.nextLong());
        } while (Double.isNaN(d) || Double.isInfinite(d));
        return d;
    }

    private static String randomString(Random r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(3) == 0) s.append(ODD_CHARS[r.nextInt(ODD_CHARS.length)]);
            else s.append((char) (' ' + r.nextInt(95)));
        }
        return s.toString();
    }

    private static String toJson(Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, value);
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) g.writeNull();
        else if (v instanceof String) g.writeString((String) v);
        else if (v instanceof Boolean) g.writeBoolean((Boolean) v);
        else if (v instanceof Integer) g.writeNumber((Integer) v);
        else if (v instanceof Long) g.writeNumber((Long) v);
        else if (v instanceof BigInteger) g.writeNumber((BigInteger) v);
        else if (v instanceof Double) g.writeNumber((Double) v);
        else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Object item : (List<Object>) v) write(g, item);
            g.writeEndArray();
        }
    }
}
