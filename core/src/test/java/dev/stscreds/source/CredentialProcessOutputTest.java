package dev.stscreds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CredentialProcessOutputTest {
    private static final String LABEL = "credential_process in profile dev (~/.aws/config:12)";
    private static final String KEY_ID = "ASIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    private static final String HINT = "run the command yourself";

    private static Credentials parse(String stdout) {
        return CredentialProcessOutput.parse(stdout, LABEL, CLOCK, HINT);
    }

    private static CredentialsException failure(String stdout) {
        try {
            parse(stdout);
        } catch (CredentialsException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(TOKEN);
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains(HINT).doesNotContain(SECRET));
            assertThat(e.getCause()).isNull();
            return e;
        }
        throw new AssertionError("expected the output to be refused: " + stdout);
    }

    @Test
    void readsEveryField() {
        Credentials c = parse("{\"Version\": 1, \"AccessKeyId\": \"" + KEY_ID + "\", \"SecretAccessKey\": \"" + SECRET
                + "\", \"SessionToken\": \"" + TOKEN + "\", \"Expiration\": \"2026-11-22T13:00:00Z\","
                + " \"AccountId\": \"123456789012\"}\n");

        assertThat(c.accessKeyId()).isEqualTo(KEY_ID);
        assertThat(c.secretAccessKey()).isEqualTo(SECRET);
        assertThat(c.sessionToken()).contains(TOKEN);
        assertThat(c.expiration()).contains(Instant.parse("2026-11-22T13:00:00Z"));
        assertThat(c.accountId()).contains("123456789012");
        assertThat(c.source()).isEqualTo(LABEL);
    }

    @Test
    void noExpirationMeansCredentialsThatDoNotExpire() {
        Credentials c = parse("{\"Version\":1,\"AccessKeyId\":\"" + KEY_ID + "\",\"SecretAccessKey\":\"" + SECRET + "\"}");
        assertThat(c.expiration()).isEmpty();
        assertThat(c.sessionToken()).isEmpty();
        assertThat(c.accountId()).isEmpty();
    }

    @Test
    void versionAsTheString1IsRefusedWithTheReason() {
        CredentialsException e = failure("{\"Version\":\"1\",\"AccessKeyId\":\"" + KEY_ID
                + "\",\"SecretAccessKey\":\"" + SECRET + "\"}");
        assertThat(e.getMessage()).contains("output of " + LABEL).contains("string \"1\"").contains("JSON number 1");
    }

    @Test
    void otherVersionsAreRefused() {
        String rest = ",\"AccessKeyId\":\"" + KEY_ID + "\",\"SecretAccessKey\":\"" + SECRET + "\"}";
        assertThat(failure("{\"Version\":2" + rest).getMessage()).contains("\"Version\" 2 is not supported");
        assertThat(failure("{\"Version\":true" + rest).getMessage()).contains("must be the number 1, not a boolean");
        assertThat(failure("{" + rest.substring(1)).getMessage()).contains("no \"Version\" field");
        assertThat(parse("{\"Version\":1.0" + rest).accessKeyId()).isEqualTo(KEY_ID);
    }

    @Test
    void keyIdAndSecretAreRequiredNonEmptyStrings() {
        assertThat(failure("{\"Version\":1,\"SecretAccessKey\":\"" + SECRET + "\"}").getMessage())
                .contains("no \"AccessKeyId\" field");
        assertThat(failure("{\"Version\":1,\"AccessKeyId\":\"" + KEY_ID + "\"}").getMessage())
                .contains("no \"SecretAccessKey\" field");
        assertThat(failure("{\"Version\":1,\"AccessKeyId\":\"\",\"SecretAccessKey\":\"" + SECRET + "\"}").getMessage())
                .contains("\"AccessKeyId\" is empty");
        assertThat(failure("{\"Version\":1,\"AccessKeyId\":\"   \",\"SecretAccessKey\":\"" + SECRET + "\"}").getMessage())
                .contains("access key id");
        assertThat(failure("{\"Version\":1,\"AccessKeyId\":42,\"SecretAccessKey\":\"" + SECRET + "\"}").getMessage())
                .contains("\"AccessKeyId\" must be a string");
    }

    @Test
    void outputThatIsNotOneJsonObjectIsRefused() {
        assertThat(failure("").getMessage()).contains("is empty");
        assertThat(failure("Enter MFA code: ").getMessage()).contains("not valid JSON");
        assertThat(failure("[{\"Version\":1}]").getMessage()).contains("not a JSON object");
        String valid = "{\"Version\":1,\"AccessKeyId\":\"" + KEY_ID + "\",\"SecretAccessKey\":\"" + SECRET + "\"}";
        assertThat(failure(valid + "\n{\"Version\":1}").getMessage()).contains("text after the JSON object");
        assertThat(failure(valid + " done.").getMessage()).contains("not valid JSON").doesNotContain("done");
        assertThat(failure("{\"Version\":1,\"AccessKeyId\":\"" + KEY_ID).getMessage()).contains("not valid JSON");
        assertThat(failure("{\"Version\":1,").hint()).hasValueSatisfying(h -> assertThat(h).contains("stderr"));
    }

    @Test
    void malformedOutputIsNeverQuoted() {
        // An unquoted secret is where the parser stops; its own message would quote the token.
        CredentialsException e = failure("{\"Version\":1,\"AccessKeyId\":\"" + KEY_ID + "\",\"SecretAccessKey\":"
                + SECRET + "}");
        assertThat(e.getMessage()).contains("not valid JSON at line 1, column").doesNotContain("wJalr");

        CredentialsException token = failure("{\"Version\":1,\"SessionToken\":" + TOKEN + "}");
        assertThat(token.getMessage()).doesNotContain("FwoG");
    }

    @Test
    void expiredCredentialsAreRefused() {
        CredentialsException e = failure("{\"Version\":1,\"AccessKeyId\":\"" + KEY_ID + "\",\"SecretAccessKey\":\""
                + SECRET + "\",\"SessionToken\":\"" + TOKEN + "\",\"Expiration\":\"2026-11-22T11:00:00Z\"}");
        assertThat(e.getMessage()).startsWith(LABEL + " returned credentials that expired at 2026-11-22T11:00:00Z");
    }

    @Test
    void expirationMustBeAnIsoTime() {
        CredentialsException e = failure("{\"Version\":1,\"AccessKeyId\":\"" + KEY_ID + "\",\"SecretAccessKey\":\""
                + SECRET + "\",\"Expiration\":\"in an hour\"}");
        assertThat(e.getMessage()).contains("\"Expiration\"").contains("ISO-8601");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("2026-11-22T11:20:45Z").contains(HINT));
    }

    @Test
    void hostileNumbersAreRefusedCheaplyAndNeverEchoedInFull() {
        String rest = ",\"AccessKeyId\":\"" + KEY_ID + "\",\"SecretAccessKey\":\"" + SECRET + "\"}";
        for (String version : new String[] {"1e999999999", "-1e999999999", "1e-999999999", "9".repeat(1000),
                "1." + "0".repeat(998) + "1", "1E+400000000"}) {
            CredentialsException e = failure("{\"Version\":" + version + rest);
            assertThat(e.getMessage()).as(version).hasSizeLessThan(300).contains("output of " + LABEL);
        }
        // A number far too long for any field is refused by the parser itself, with its position only.
        assertThat(failure("{\"Version\":" + "1".repeat(5000) + rest).getMessage()).hasSizeLessThan(300);
        assertThat(failure("{\"Version\":1e999999999" + rest).getMessage()).contains("a number out of range");
        assertThat(failure("{\"Version\":1.00000000000000000000000000000000001" + rest).getMessage())
                .contains("(a long number) is not supported");
    }

    @Test
    void aHugeStringWhereTheVersionGoesIsNotEchoed() {
        String huge = "x".repeat(5_000_000);
        CredentialsException e = failure("{\"Version\":\"" + huge + "\",\"AccessKeyId\":\"" + KEY_ID
                + "\",\"SecretAccessKey\":\"" + SECRET + "\",\"Expiration\":\"" + huge + "\"}");
        assertThat(e.getMessage()).hasSizeLessThan(300);
        CredentialsException expiry = failure("{\"Version\":1,\"AccessKeyId\":\"" + KEY_ID
                + "\",\"SecretAccessKey\":\"" + SECRET + "\",\"Expiration\":\"" + huge + "\"}");
        assertThat(expiry.getMessage()).hasSizeLessThan(300);
    }
}
