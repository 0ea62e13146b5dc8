package dev.stscreds.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.wire.JsonFormatException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts and keys here were produced by Python 3's json and hashlib modules. */
class CliCacheKeyTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/Admin";
    private static final String MFA = "arn:aws:iam::123456789012:mfa/jon";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"S3\",\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":\"*\","
            + "\"Condition\":{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":3600}}}]}";

    @Test
    void theCheckValueOfTheAwsCli() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("SerialNumber", MFA);
        args.put("RoleArn", ROLE);

        assertThat(CliCacheKey.of(args)).isEqualTo("9211b1110596386329c78a124d9b47b19f3d078f");
        assertThat(CliCacheKey.forAssumeRole(ROLE, null, null, MFA, null, null))
                .isEqualTo("9211b1110596386329c78a124d9b47b19f3d078f");
    }

    @Test
    void everySettingOfARoleWithASessionPolicy() {
        assertThat(CliCacheKey.forAssumeRole(ROLE, "jon-session", "ext-ID ünï", MFA, 3600, POLICY))
                .isEqualTo("4eb669f3cc66b2596f1de3fd85fd83bb12151ab1");
    }

    @Test
    void onlyConfiguredSettingsArePartOfTheKey() {
        Map<String, Object> args = new TreeMap<>(Map.of("RoleArn", ROLE, "DurationSeconds", 900));
        assertThat(CliCacheKey.forAssumeRole(ROLE, null, null, null, 900, null)).isEqualTo(CliCacheKey.of(args));
        assertThat(CliCacheKey.forAssumeRole(ROLE, null, null, null, null, null))
                .isEqualTo(CliCacheKey.of(Map.of("RoleArn", ROLE)))
                .isNotEqualTo(CliCacheKey.of(args));
        assertThat(CliCacheKey.forAssumeRole(ROLE, "", null, null, null, null))
                .as("an empty but configured session name still counts, as in the CLI")
                .isEqualTo(CliCacheKey.of(Map.of("RoleArn", ROLE, "RoleSessionName", "")));
    }

    @Test
    void policyKeysAreSortedWhateverTheirOrderInTheDocument() {
        String reordered = "{\"Statement\":[{\"Resource\":\"*\",\"Condition\":{\"NumericLessThan\":"
                + "{\"aws:MultiFactorAuthAge\":3600}},\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],"
                + "\"Effect\":\"Allow\",\"Sid\":\"S3\"}],   \"Version\" : \"2012-10-17\"}";
        assertThat(CliCacheKey.forAssumeRole(ROLE, null, null, null, null, reordered))
                .isEqualTo(CliCacheKey.forAssumeRole(ROLE, null, null, null, null, POLICY));
        assertThatThrownBy(() -> CliCacheKey.forAssumeRole(ROLE, null, null, null, null, "{not json"))
                .isInstanceOf(JsonFormatException.class).hasMessageContaining("session policy of role " + ROLE);
    }

    @Test
    void textIsWhatPythonWrites() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 1);
        value.put("a", Arrays.asList(true, null, "x", Map.of(), List.of()));
        value.put("", BigInteger.TWO.pow(70));
        value.put("n", -7L);
        assertThat(PythonJson.dumpsSortedKeys(value))
                .isEqualTo("{\"\": 1180591620717411303424, \"a\": [true, null, \"x\", {}, []], \"b\": 1, \"n\": -7}");
        assertThat(PythonJson.dumpsSortedKeys("\"\\\n\r\t\b\f\u0001\u001f\u007f é ሴ 😀 /"))
                .isEqualTo("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f \\u00e9 \\u1234 \\ud83d\\ude00 /\"");
    }

    @Test
    void keysSortByCodePointNotByUtf16Unit() {
        Map<String, Object> value = Map.of("\uffff", 1, "😀", 2, "a", 3);
        assertThat(PythonJson.dumpsSortedKeys(value)).isEqualTo("{\"a\": 3, \"\\uffff\": 1, \"\\ud83d\\ude00\": 2}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.0, 1.0",
        "1e16, 1e+16",
        "1e15, 1000000000000000.0",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "0.1, 0.1",
        "-0.0, -0.0",
        "1.5e300, 1.5e+300",
        "NaN, NaN",
        "Infinity, Infinity",
        "-Infinity, -Infinity",
        "4.9e-324, 5e-324",
        "2e23, 2e+23",
        "123456.789, 123456.789",
        "0.3333333333333333, 0.3333333333333333",
        "9007199254740993, 9007199254740992.0",
        "1e22, 1e+22",
        "1.7976931348623157e308, 1.7976931348623157e+308",
    })
    void floatsAreWrittenAsPythonRepr(double value, String python) {
        assertThat(PythonJson.dumpsSortedKeys(value)).isEqualTo(python);
    }

    @Test
    void parsedNumbersKeepPythonsIntOrFloat() {
        assertThat(PythonJson.dumpsSortedKeys(List.of(new BigDecimal("3600"), new BigDecimal("1.50"), new BigDecimal("1e3"))))
                .isEqualTo("[3600, 1.5, 1000.0]");
    }

    @Test
    void valuesPythonsJsonCannotWriteAreRefused() {
        assertThatThrownBy(() -> CliCacheKey.of(Map.of("RoleArn", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> CliCacheKey.of(Map.of("Policy", Map.of(1, "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys must be strings");
    }
}
