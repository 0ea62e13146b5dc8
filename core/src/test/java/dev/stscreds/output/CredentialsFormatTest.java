package dev.stscreds.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each format's exact text for real values, its names, and the holes each format once had. */
class CredentialsFormatTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+abc=";
    private static final Credentials SESSION = Credentials.builder().accessKeyId("ASIAIOSFODNN7EXAMPLE")
            .secretAccessKey(SECRET).sessionToken(TOKEN).expiration(Instant.parse("2026-12-08T01:00:00Z"))
            .accountId("123456789012").source("test").build();

    private static String render(CredentialsFormat f) {
        return f.render(SESSION, Optional.of("eu-west-1"), "dev");
    }

    private static CredentialFields withToken(String token) {
        return new CredentialFields("ASIAIOSFODNN7EXAMPLE", SECRET, token, null, null, "eu-west-1");
    }

    @Test
    void namesAreTheAwsCliOnesAndTheOldNamesStillWork() {
        assertThat(Arrays.stream(CredentialsFormat.values()).map(CredentialsFormat::formatName))
                .containsExactly("process", "env", "env-no-export", "fish", "powershell", "windows-cmd", "json", "ini");
        assertThat(CredentialsFormat.named("export")).contains(CredentialsFormat.ENV);
        assertThat(CredentialsFormat.named("credential-process")).contains(CredentialsFormat.PROCESS);
        assertThat(CredentialsFormat.named("dotenv")).contains(CredentialsFormat.ENV_NO_EXPORT);
        assertThat(CredentialsFormat.named("yaml")).isEmpty();
    }

    @Test
    void realValuesArePrintedAsTheAwsCliPrintsThem() {
        assertThat(render(CredentialsFormat.ENV)).isEqualTo("export AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE\n"
                + "export AWS_SECRET_ACCESS_KEY=" + SECRET + "\nexport AWS_SESSION_TOKEN=" + TOKEN + "\n"
                + "export AWS_CREDENTIAL_EXPIRATION=2026-12-08T01:00:00Z\nexport AWS_REGION=eu-west-1\n"
                + "export AWS_DEFAULT_REGION=eu-west-1\n");
        assertThat(render(CredentialsFormat.ENV_NO_EXPORT)).startsWith("AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE\n"
                + "AWS_SECRET_ACCESS_KEY=" + SECRET + "\n");
        assertThat(render(CredentialsFormat.FISH)).startsWith("set -gx AWS_ACCESS_KEY_ID \"ASIAIOSFODNN7EXAMPLE\"\n")
                .contains("set -gx AWS_SESSION_TOKEN \"" + TOKEN + "\"\n");
        assertThat(render(CredentialsFormat.POWERSHELL)).startsWith("$Env:AWS_ACCESS_KEY_ID=\"ASIAIOSFODNN7EXAMPLE\"\n")
                .contains("$Env:AWS_CREDENTIAL_EXPIRATION=\"2026-12-08T01:00:00Z\"\n");
        assertThat(render(CredentialsFormat.WINDOWS_CMD)).startsWith("set AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE\n")
                .contains("set AWS_REGION=eu-west-1\n");
        assertThat(render(CredentialsFormat.PROCESS)).isEqualTo("{\"Version\":1,\"AccessKeyId\":\"ASIAIOSFODNN7EXAMPLE\","
                + "\"SecretAccessKey\":\"" + SECRET + "\",\"SessionToken\":\"" + TOKEN + "\","
                + "\"Expiration\":\"2026-12-08T01:00:00Z\",\"AccountId\":\"123456789012\"}\n");
        assertThat(render(CredentialsFormat.JSON)).startsWith("{\"AWS_ACCESS_KEY_ID\":\"ASIAIOSFODNN7EXAMPLE\",")
                .endsWith(",\"AWS_DEFAULT_REGION\":\"eu-west-1\"}\n");
        assertThat(render(CredentialsFormat.INI)).isEqualTo("[dev]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = " + SECRET + "\naws_session_token = " + TOKEN + "\n"
                + "expiration = 2026-12-08T01:00:00Z\nregion = eu-west-1\n");
    }

    @Test
    void fishEscapesTheBackslashThatOnceEndedItsQuote() {
        String region = "eu-west-1\\'; touch /tmp/x; echo \\'";
        String text = CredentialsFormat.FISH.render(
                new CredentialFields("AKIDEXAMPLE", SECRET, null, null, null, region), "dev");
        assertThat(text).contains("set -gx AWS_REGION 'eu-west-1\\\\\\'; touch /tmp/x; echo \\\\\\''\n");
    }

    @Test
    void iniRefusesALineBreakThatWouldAddALineToTheSection() {
        assertThatThrownBy(() -> CredentialsFormat.INI.render(withToken("t\ncredential_process = touch /tmp/x"), "dev"))
                .isInstanceOf(UnwritableValueException.class)
                .hasMessageContaining("aws_session_token").hasMessageContaining("ini")
                .hasMessageNotContaining("touch");
        for (String breaking : new String[] {"t\r", "t\u2028x", "t\u0085x", "t x", "t\u000bx", "t\u0000x", "t\u00e9"}) {
            assertThatThrownBy(() -> CredentialsFormat.INI.render(withToken(breaking), "dev"))
                    .isInstanceOf(UnwritableValueException.class);
        }
        assertThatThrownBy(() -> CredentialsFormat.INI.render(withToken("t"), "dev]\ncredential_process = x\n[a"))
                .isInstanceOf(UnwritableValueException.class).hasMessageContaining("profile name");
    }

    @Test
    void exportQuotesWhatIsNotPlainAndEnvNoExportRefusesIt() {
        assertThat(CredentialsFormat.ENV.render(withToken("$(touch /tmp/x)"), "dev"))
                .contains("export AWS_SESSION_TOKEN='$(touch /tmp/x)'\n");
        assertThat(CredentialsFormat.ENV.render(withToken("it's"), "dev")).contains("export AWS_SESSION_TOKEN='it'\\''s'\n");
        assertThatThrownBy(() -> CredentialsFormat.ENV_NO_EXPORT.render(withToken("x touch /tmp/x"), "dev"))
                .isInstanceOf(UnwritableValueException.class).hasMessageContaining("AWS_SESSION_TOKEN")
                .hasMessageContaining("env-no-export").hasMessageNotContaining("touch");
        assertThatThrownBy(() -> CredentialsFormat.WINDOWS_CMD.render(withToken("x&calc"), "dev"))
                .isInstanceOf(UnwritableValueException.class).hasMessageContaining("windows-cmd");
    }

    @Test
    void powerShellDoublesEveryQuoteThatEndsItsVerbatimStrings() {
        String token = "x\u2019; New-Item pwned; \u2018'\u201a\u201b";
        String text = CredentialsFormat.POWERSHELL.render(withToken(token), "dev");
        String line = text.lines().filter(l -> l.startsWith("$Env:AWS_SESSION_TOKEN=")).findFirst().orElseThrow();
        int start = "$Env:AWS_SESSION_TOKEN=".length();
        PowerShellVerbatimString.Read read = PowerShellVerbatimString.read(line, start);
        assertThat(read.value()).isEqualTo(token);
        assertThat(read.end()).isEqualTo(line.length());
    }

    @Test
    void noShellFormatCarriesANul() {
        for (CredentialsFormat f : new CredentialsFormat[] {CredentialsFormat.ENV, CredentialsFormat.FISH, CredentialsFormat.POWERSHELL}) {
            assertThatThrownBy(() -> f.render(withToken("a\0b"), "dev")).isInstanceOf(UnwritableValueException.class)
                    .hasMessageContaining("AWS_SESSION_TOKEN").hasMessageContaining("NUL");
        }
    }

    @Test
    void jsonFormatsArePureAsciiWithEveryControlEscaped() {
        String token = "\"\\\n\r\t\0\u001b\u2028\u2029\u00e9\ud83d\ude00";
        for (CredentialsFormat f : new CredentialsFormat[] {CredentialsFormat.JSON, CredentialsFormat.PROCESS}) {
            String text = f.render(withToken(token), "dev");
            assertThat(text.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n')).as(text).isTrue();
            assertThat(text).contains("\"\\\"\\\\\\u000a\\u000d\\u0009\\u0000\\u001b\\u2028\\u2029\\u00e9\\ud83d\\ude00\"");
        }
    }

    @Test
    void fieldsNeverShowASecretInToString() {
        assertThat(CredentialFields.of(SESSION, Optional.empty()).toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
    }
}
