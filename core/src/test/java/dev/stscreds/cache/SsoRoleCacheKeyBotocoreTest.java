package dev.stscreds.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.testing.Python3;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The file name of a cached IAM Identity Center role is the one botocore's own SSO credential
 * fetcher computes, for sso-session and legacy profiles and odd characters. Skipped without botocore.
 */
class SsoRoleCacheKeyBotocoreTest {
    private static final String SCRIPT = String.join("\n",
            "import sys, json",
            "from botocore.credentials import SSOCredentialFetcher",
            "for line in sys.stdin.read().splitlines():",
            "    a = json.loads(line)",
            "    f = SSOCredentialFetcher(a['startUrl'], 'eu-west-1', a['roleName'], a['accountId'], None,",
            "                             sso_session_name=a.get('sessionName'))",
            "    print(f._create_cache_key())");

    private record Case(String accountId, String roleName, Optional<String> sessionName, String startUrl) {
        String json() {
            return "{\"accountId\":\"" + accountId + "\",\"roleName\":\"" + roleName + "\",\"startUrl\":\"" + startUrl + "\""
                    + sessionName.map(n -> ",\"sessionName\":\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").orElse("")
                    + "}";
        }
    }

    @Test
    void keysAreBotocores() throws Exception {
        List<Case> cases = List.of(
                new Case("123456789012", "ReadOnly", Optional.of("corp"), "https://corp.awsapps.com/start"),
                new Case("123456789012", "ReadOnly", Optional.empty(), "https://corp.awsapps.com/start"),
                new Case("000000000001", "AWSAdministratorAccess", Optional.of("my sso \"é\" ü"), "https://d-1.awsapps.com/start#/"),
                new Case("210987654321", "Role+With=Odd,Chars@-_", Optional.empty(), "https://x.awsapps.com/start/?a=b&c=d"),
                new Case("999999999999", "R", Optional.of("日本"), "https://y.awsapps.com/start"));
        List<String> lines = new ArrayList<>();
        for (Case c : cases) lines.add(c.json());

        List<String> botocore = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Python3.run(SCRIPT, lines, "botocore"));

        assertThat(botocore).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            assertThat(CliCacheKey.forSsoRole(c.accountId(), c.roleName(), c.sessionName(), c.startUrl()))
                    .as("case %d: %s", i, c).isEqualTo(botocore.get(i));
        }
    }
}
