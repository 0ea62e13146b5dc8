package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.config.Settings;
import dev.stscreds.testkit.sso.LocalSso;
import dev.stscreds.testkit.sts.LocalSts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sso login}, {@code sso profiles} and {@code sso logout} in process, against the testkit's IAM Identity Center. */
class SsoCommandsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);
    private static final String CONFIG = """
            # my settings
            [default]
            region = eu-west-1   ; keep me

            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-1
            sso_registration_scopes = sso:account:access
            """;

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;
    private LocalSts sts;
    private LocalSso sso;

    @BeforeEach
    void world() throws Exception {
        sts = new LocalSts().clock(CLOCK).start();
        // The user has signed in in the browser already: the first poll gets the token, nobody waits.
        sso = new LocalSso(sts).clock(CLOCK).autoApprove(true).pageSize(2).start();
        sso.addAccount("111111111111", "Dev Account", "dev@example.com").addRole("111111111111", "ReadOnly")
                .addRole("111111111111", "Admin");
        for (int i = 2; i <= 5; i++) sso.addAccount("11111111111" + i, "acct" + i, "a" + i + "@example.com").addRole("11111111111" + i, "ReadOnly");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), CONFIG);
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_ENDPOINT_URL_SSO", sso.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SSO_OIDC", sso.endpoint().toString());
    }

    @AfterEach
    void stop() {
        sso.close();
        sts.close();
    }

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return StscredsCommand.run(args, Settings.of(Map.of(), env, home), CLOCK,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void loginShowsTheCodeAndCachesTheToken() {
        assertThat(run("sso", "login", "--sso-session", "corp", "--no-browser")).as(err()).isZero();

        assertThat(err()).contains("Open " + sso.endpoint() + "/device?user_code=", "check that it shows the code ");
        assertThat(out()).isEqualTo("Logged in to https://corp.awsapps.com/start (sso-session corp); the token is good until "
                + "2026-03-01T17:00:00Z.\n");
        assertThat(home.resolve(".aws/sso/cache/" + dev.stscreds.sso.SsoTokenCache.key(Optional.of("corp"), "") + ".json")).exists();
        assertThat(sso.calls("CreateToken")).isEqualTo(1);
    }

    @Test
    void profilesListsEveryAccountAndRoleOverAllPagesAndWritesTheMissingOnes() throws Exception {
        run("sso", "login", "--sso-session", "corp", "--no-browser");

        assertThat(run("sso", "profiles", "--sso-session", "corp")).as(err()).isZero();
        assertThat(out().lines().toList()).hasSize(6)
                .contains("111111111111  Dev Account               ReadOnly                          no profile (would be Dev-Account-ReadOnly)");
        assertThat(sso.calls("ListAccounts")).as("5 accounts, 2 a page").isEqualTo(3);
        assertThat(Files.readString(home.resolve(".aws/config"))).isEqualTo(CONFIG);

        assertThat(run("sso", "profiles", "--sso-session", "corp", "--write")).as(err()).isZero();
        assertThat(out()).contains("profile Dev-Account-Admin (added)", "Added 6 profiles to ");
        String config = Files.readString(home.resolve(".aws/config"));
        assertThat(config).startsWith(CONFIG).contains("""
                [profile Dev-Account-ReadOnly]
                sso_session = corp
                sso_account_id = 111111111111
                sso_role_name = ReadOnly
                """, "[profile acct5-ReadOnly]");

        assertThat(run("sso", "profiles", "--sso-session", "corp", "--write")).isZero();
        assertThat(out()).contains("Added 0 profiles", "profile acct3-ReadOnly\n");
        assertThat(Files.readString(home.resolve(".aws/config"))).isEqualTo(config);

        assertThat(run("credential-process", "--profile", "acct3-ReadOnly")).as(err()).isZero();
        assertThat(out()).startsWith("{\"Version\":1,\"AccessKeyId\":\"ASIA").contains("\"AccountId\":\"111111111113\"");
    }

    @Test
    void withoutALoginCredentialProcessSaysWhichLoginToRun() throws Exception {
        Files.writeString(home.resolve(".aws/config"), CONFIG + "[profile dev]\nsso_session = corp\nsso_account_id = 111111111111\n"
                + "sso_role_name = ReadOnly\n", StandardCharsets.UTF_8);

        assertThat(run("credential-process", "--profile", "dev")).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err()).contains("no IAM Identity Center token for sso-session corp", "stscreds sso login --sso-session corp");
    }

    @Test
    void logoutSignsOutAndRemovesTheTokenAndTheSsoRoleSessions() throws Exception {
        run("sso", "login", "--sso-session", "corp", "--no-browser");
        Path cliCache = Files.createDirectories(home.resolve(".aws/cli/cache"));
        String credentials = "\"Credentials\":{\"AccessKeyId\":\"ASIAEXAMPLE\",\"SecretAccessKey\":\"s\","
                + "\"SessionToken\":\"t\",\"Expiration\":\"2026-03-01T10:00:00Z\"}";
        Files.writeString(cliCache.resolve("sso-role.json"), "{\"ProviderType\":\"sso\"," + credentials + "}");
        Files.writeString(cliCache.resolve("assumed-role.json"), "{" + credentials + "}");

        assertThat(run("sso", "logout", "--sso-session", "corp")).isZero();
        assertThat(out()).isEqualTo("Logged out of sso-session corp. Removed 1 cached IAM Identity Center role session(s).\n");
        assertThat(cliCache.resolve("sso-role.json")).doesNotExist();
        assertThat(cliCache.resolve("assumed-role.json")).exists();
        assertThat(sso.calls("Logout")).isEqualTo(1);
        assertThat(run("sso", "logout", "--sso-session", "corp")).isZero();
        assertThat(out()).isEqualTo("There was no token for sso-session corp.\n");
    }

    @Test
    void aProfileThatIsNotSsoAndBothTargetsAreRefused() {
        assertThat(run("sso", "login", "--profile", "default")).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err()).contains("profile default has no credentials", "sso_session");
        assertThat(run("sso", "login", "--profile", "default", "--sso-session", "corp")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("not both");
    }

    @Test
    void helpHasExamples() {
        assertThat(run("sso", "--help")).isZero();
        assertThat(out()).contains("login", "profiles", "logout", "stscreds sso login --sso-session corp");
        assertThat(run("sso", "profiles", "--help")).isZero();
        assertThat(out()).contains("--write", "stscreds sso profiles --sso-session corp --write");
    }
}
