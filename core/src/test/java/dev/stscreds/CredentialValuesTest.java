package dev.stscreds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.testing.Python3;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rules values meet where they enter; regions held to botocore's own check. */
class CredentialValuesTest {
    @Test
    void realValuesPass() {
        assertThat(CredentialValues.accessKeyId("ASIAIOSFODNN7EXAMPLE", "s")).isEqualTo("ASIAIOSFODNN7EXAMPLE");
        assertThat(CredentialValues.accessKeyId("test", "s")).as("local stand-ins such as LocalStack's").isEqualTo("test");
        assertThat(CredentialValues.secretAccessKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "s")).isNotEmpty();
        assertThat(CredentialValues.sessionToken("IQoJb3JpZ2luX2VjEJr//////////wEa+=", "s")).isNotEmpty();
        assertThat(CredentialValues.sessionToken("eyJhbGciOi.eyJzdWIi-_x.sig", "s")).as("JWT-shaped tokens").isNotEmpty();
        assertThat(CredentialValues.accountId("123456789012", "s")).isEqualTo("123456789012");
        assertThat(CredentialValues.region("us-gov-west-1", "s")).isEqualTo("us-gov-west-1");
        assertThat(CredentialValues.expiration(Instant.parse("2026-12-08T01:00:00Z"), "s")).isNotNull();
    }

    @Test
    void errorsNameTheFieldAndTheSourceNeverTheValue() {
        assertThatThrownBy(() -> CredentialValues.sessionToken("abc'; rm -rf ~", "profile dev (~/.aws/credentials)"))
                .isInstanceOf(CredentialsException.class)
                .hasMessage("the session token from profile dev (~/.aws/credentials) holds a character no session token has"
                        + " (only letters, digits and + / = _ . : -); it was not used")
                .hasMessageNotContaining("rm -rf");
        assertThatThrownBy(() -> CredentialValues.region("eu-west-1;x", "region of profile dev (~/.aws/config:2)"))
                .hasMessageStartingWith("the region of profile dev (~/.aws/config:2) is not a region name")
                .hasMessageNotContaining(";x");
        for (String id : new String[] {"AKIA-1", "AKIA 1", "AKIA\n", "AKIA\u00c91", "A".repeat(129)}) {
            assertThatThrownBy(() -> CredentialValues.accessKeyId(id, "s")).isInstanceOf(CredentialsException.class);
        }
        for (String account : new String[] {"12345678901", "1234567890123", "12345678901a", "١٢٣٤٥٦٧٨٩٠١٢"}) {
            assertThatThrownBy(() -> CredentialValues.accountId(account, "s")).isInstanceOf(CredentialsException.class);
        }
    }

    @Test
    void regionsFollowBotocoresValidateRegionName() throws Exception {
        List<String> regions = new ArrayList<>(List.of("us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "aws-global",
                "local", "a", "1", "123", "1a", "-a", "a-", "a--b", "A-B", "x".repeat(63), "x".repeat(64), "eu_west_1",
                "eu.west.1", "eu-west-1/", "eu-west-1\\", "eu-west-1'", "eu west 1", "ėu-west-1", "eu-west-1\u00a0",
                "eu-west-1\\'; touch x; echo \\'", "sts.amazonaws.com#", "x@evil.example", "x:443"));
        Random random = new Random(2026);
        String alphabet = "ab09-_.:/@# \\'\"$`é";
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = 1 + random.nextInt(70); n > 0; n--) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            regions.add(s.toString());
        }
        List<String> verdicts = Python3.run(String.join("\n",
                "import sys",
                "from botocore.utils import validate_region_name",
                "from botocore.exceptions import InvalidRegionError",
                "for line in sys.stdin.read().split('\\n')[:-1]:",
                "    try:",
                "        validate_region_name(line.encode('latin-1').decode('unicode_escape'))",
                "        print('ok')",
                "    except InvalidRegionError:",
                "        print('refused')"), regions.stream().map(CredentialValuesTest::escaped).toList(), "botocore");
        assertThat(verdicts).hasSize(regions.size());
        int accepted = 0;
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i);
            boolean ours;
            try {
                CredentialValues.region(region, "test");
                ours = true;
                accepted++;
            } catch (CredentialsException e) {
                ours = false;
            }
            assertThat(ours ? "ok" : "refused").as("region %s", escaped(region)).isEqualTo(verdicts.get(i));
        }
        System.out.println("regions checked against botocore's validate_region_name: " + regions.size() + ", accepted " + accepted);
    }

    /** ASCII-only, with Python's unicode_escape escapes, so each region is one input line. */
    private static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\') b.append("\\\\");
            else if (c >= 0x20 && c < 0x7f) b.append(c);
            else b.append(String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }
}
