package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.cache.CliCacheKey;
import dev.stscreds.cache.CliSessionCache;
import dev.stscreds.config.Settings;
import dev.stscreds.sso.SsoSession;
import dev.stscreds.sso.SsoSessionConfig;
import dev.stscreds.sso.SsoTokenCache;
import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.testkit.MutableClock;
import dev.stscreds.testkit.sso.LocalSso;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.wire.sts.StsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSO profiles resolve to the role credentials of IAM Identity Center, which the local STS accepts. */
class SsoProfileTest {
    @TempDir
    Path home;

    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    private LocalSts sts;
    private LocalSso sso;
    private ProfileFixture files;

    @BeforeEach
    void start() {
        sts = new LocalSts().clock(clock).start();
        sso = new LocalSso(sts).clock(clock).autoApprove(true).start();
        sso.addAccount("123456789012", "dev", "dev@example.com").addRole("123456789012", "ReadOnly");
        files = new ProfileFixture(home).config("""
                [profile dev]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = ReadOnly
                services = local

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1

                [services local]
                sso =
                  endpoint_url = %1$s
                sso_oidc =
                  endpoint_url = %1$s

                [profile legacy]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                sso_account_id = 123456789012
                sso_role_name = ReadOnly
                endpoint_url = %1$s

                [profile nope]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = Admin
                services = local
                """.formatted(sso.endpoint()));
    }

    @AfterEach
    void stop() {
        sso.close();
        sts.close();
    }

    private Settings settings() {
        return files.settings();
    }

    private void login(SsoSessionConfig config) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                new SsoSession(config, SsoTokenCache.forSettings(settings()), clock).login(a -> {}, d -> clock.advance(d)));
    }

    @Test
    void anSsoSessionProfileGivesRoleCredentialsThatStsAccepts() {
        login(SsoConfigs.forProfile(settings(), "dev"));
        ProfileCredentialsProvider provider = new ProfileCredentialsProvider(settings(), "dev", clock);

        Credentials first = provider.resolve();
        Credentials second = provider.resolve();

        assertThat(second).isEqualTo(first);
        assertThat(sso.calls("GetRoleCredentials")).as("the refresh decorator keeps them").isEqualTo(1);
        assertThat(first.accountId()).contains("123456789012");
        assertThat(first.expiration()).contains(clock.instant().plus(Duration.ofHours(1)));
        assertThat(first.source()).contains("IAM Identity Center role ReadOnly in account 123456789012", "profile dev");
        var identity = StsClient.create(sts.endpoint(), "eu-west-1", clock).getCallerIdentity(first);
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/ReadOnly/alice");
    }

    @Test
    void roleCredentialsAreSharedThroughTheAwsCliCacheUntilSsoLogoutRemovesThem() throws Exception {
        login(SsoConfigs.forProfile(settings(), "dev"));

        // Two providers stand for two processes: only the files under home are shared.
        Credentials first = new ProfileCredentialsProvider(settings(), "dev", clock).resolve();
        Credentials second = new ProfileCredentialsProvider(settings(), "dev", clock).resolve();

        assertThat(sso.calls("GetRoleCredentials")).as("the second process reads the cache").isEqualTo(1);
        assertThat(second.accessKeyId()).isEqualTo(first.accessKeyId());
        assertThat(second.expiration()).isEqualTo(first.expiration());
        Path cached = home.resolve(".aws/cli/cache/" + CliCacheKey.forSsoRole("123456789012", "ReadOnly",
                java.util.Optional.of("corp"), "https://corp.awsapps.com/start") + ".json");
        assertThat(Files.readString(cached)).contains("\"ProviderType\":\"sso\"", "\"AccountId\":\"123456789012\"",
                "\"Expiration\":\"2026-03-01T10:00:00Z\"");

        clock.advance(Duration.ofMinutes(46));
        new ProfileCredentialsProvider(settings(), "dev", clock).resolve();
        assertThat(sso.calls("GetRoleCredentials")).as("less than 15 minutes left: a new session").isEqualTo(2);

        assertThat(CliSessionCache.forSettings(settings(), clock).clear("sso")).isEqualTo(1);
        assertThat(cached).doesNotExist();
    }

    @Test
    void aLegacyProfileUsesItsOwnStartUrlAndEndpointUrl() {
        login(SsoConfigs.forProfile(settings(), "legacy"));

        Credentials c = new ProfileCredentialsProvider(settings(), "legacy", clock).resolve();

        assertThat(c.accessKeyId()).startsWith("ASIA");
        assertThat(home.resolve(".aws/sso/cache/" + SsoTokenCache.key(java.util.Optional.empty(),
                "https://corp.awsapps.com/start") + ".json")).exists();
    }

    @Test
    void withoutALoginTheErrorSaysWhichCommandLogsIn() {
        assertThatThrownBy(() -> new ProfileCredentialsProvider(settings(), "legacy", clock).resolve())
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("profile legacy: there is no IAM Identity Center token for start URL https://corp.awsapps.com/start")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString()
                        .contains("stscreds sso login --profile legacy"));
    }

    @Test
    void aSignedOutTokenSaysToLogInAgain() {
        files.env("AWS_ENDPOINT_URL_SSO_OIDC", sso.endpoint().toString());
        login(SsoConfigs.forSession(settings(), "corp"));
        sso.revokeTokens();

        assertThatThrownBy(() -> new ProfileCredentialsProvider(settings(), "dev", clock).resolve())
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("IAM Identity Center did not accept the token for sso-session corp")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString()
                        .contains("stscreds sso login --sso-session corp"));
    }

    @Test
    void anExpiredTokenWithoutARenewalSaysToLogInAgain() {
        login(SsoConfigs.forProfile(settings(), "legacy"));
        clock.advance(Duration.ofHours(9));

        assertThatThrownBy(() -> new ProfileCredentialsProvider(settings(), "legacy", clock).resolve())
                .isInstanceOf(CredentialsException.class).hasMessageContaining("expired at 2026-03-01T17:00:00Z");
        assertThat(sso.calls("GetRoleCredentials")).isZero();
    }

    @Test
    void aRoleTheUserIsNotAssignedIsRefusedByName() {
        files.env("AWS_ENDPOINT_URL_SSO_OIDC", sso.endpoint().toString());
        login(SsoConfigs.forSession(settings(), "corp"));

        assertThatThrownBy(() -> new ProfileCredentialsProvider(settings(), "nope", clock).resolve())
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("profile nope: GetRoleCredentials at " + sso.endpoint())
                .hasMessageContaining("ForbiddenException: No access")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString().contains("stscreds sso profiles"));
    }

    @Test
    void aWrongSsoRegionNamesTheRegionAndTheEndpoint() {
        files.config("""
                [profile typo]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-nowhere-1
                sso_account_id = 123456789012
                sso_role_name = ReadOnly
                """);
        // A cached token, so the call that fails is GetRoleCredentials at the region's portal.
        new SsoTokenCache(home.resolve(".aws/sso/cache"), home.resolve(".stscreds/locks")).write(SsoTokenCache.key(java.util.Optional.empty(),
                "https://corp.awsapps.com/start"), dev.stscreds.sso.SsoToken.of("https://corp.awsapps.com/start",
                "eu-nowhere-1", "token", clock.instant().plus(Duration.ofHours(1))));

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new ProfileCredentialsProvider(settings(), "typo", clock).resolve()))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("profile typo: could not reach IAM Identity Center for sso_region eu-nowhere-1 at "
                        + "https://portal.sso.eu-nowhere-1.amazonaws.com/")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString().contains("check sso_region"));
    }

    @Test
    void aProfileWithoutSsoCannotLogIn() {
        files.config("[profile keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n");
        assertThatThrownBy(() -> SsoConfigs.forProfile(settings(), "keys"))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("does not use IAM Identity Center");
        assertThatThrownBy(() -> SsoConfigs.forSession(settings(), "corp"))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("no [sso-session corp] section");
    }
}
