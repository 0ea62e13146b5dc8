package dev.stscreds.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.testkit.MutableClock;
import dev.stscreds.testkit.sso.LocalSso;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device code login, the token cache and renewal, and the portal, against the testkit's IAM Identity Center. */
class SsoSessionTest {
    private static final String START_URL = "https://corp.awsapps.com/start";

    @TempDir
    Path home;

    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    private LocalSso sso;
    private SsoTokenCache cache;

    @BeforeEach
    void start() {
        sso = new LocalSso().clock(clock).random(new Random(7)).start();
        cache = new SsoTokenCache(home.resolve(".aws/sso/cache"), home.resolve(".stscreds/locks"));
    }

    @AfterEach
    void stop() {
        sso.close();
    }

    private SsoSession session(Optional<String> name) {
        Settings settings = Settings.of(Map.of(), Map.of("AWS_ENDPOINT_URL", sso.endpoint().toString()), home);
        SsoSessionConfig config = SsoSessionConfig.of(settings, name, START_URL, "eu-west-1",
                name.isPresent() ? List.of(SsoSessionConfig.DEFAULT_SCOPE) : List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), name.map(n -> "stscreds sso login --sso-session " + n).orElse("stscreds sso login --profile dev"));
        return new SsoSession(config, cache, clock);
    }

    /** A sleeper that moves the clock, records each wait, and plays the user on the given poll. */
    private final class User implements Sleeper {
        final List<Duration> waits = new ArrayList<>();
        final AtomicReference<DeviceAuthorization> shown = new AtomicReference<>();
        private final int decideAfterWaits;
        private final boolean allow;

        User(int decideAfterWaits, boolean allow) {
            this.decideAfterWaits = decideAfterWaits;
            this.allow = allow;
        }

        @Override
        public void sleep(Duration d) {
            waits.add(d);
            clock.advance(d);
            if (waits.size() == decideAfterWaits) {
                if (allow) sso.approve(shown.get().userCode());
                else sso.deny(shown.get().userCode());
            }
        }

        SsoToken login(SsoSession session) {
            return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> session.login(shown::set, this));
        }
    }

    @Test
    void aDeviceCodeLoginApprovedByTheUserIsCachedAsTheAwsCliCachesIt() throws IOException {
        User user = new User(2, true);

        SsoToken token = user.login(session(Optional.of("my-sso")));

        assertThat(user.shown.get().verificationUriComplete()).startsWith(sso.endpoint() + "/device?user_code=")
                .endsWith(user.shown.get().userCode());
        assertThat(user.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(sso.calls("RegisterClient")).isEqualTo(1);
        assertThat(sso.calls("CreateToken")).as("pending, pending, granted").isEqualTo(3);
        Path file = home.resolve(".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json");
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String json = Files.readString(file);
        assertThat(json).startsWith("{\"startUrl\":\"" + START_URL + "\",\"region\":\"eu-west-1\",\"accessToken\":\"")
                .contains("\"expiresAt\":\"2026-03-01T17:00:02Z\"", "\"clientId\":", "\"clientSecret\":",
                        "\"registrationExpiresAt\":\"2026-05-30T09:00:00Z\"", "\"refreshToken\":\"aor");
        assertThat(cache.read(SsoTokenCache.key(Optional.of("my-sso"), START_URL))).contains(token);
        assertThat(token.toString()).doesNotContain(token.accessToken(), token.refreshToken().orElseThrow());
    }

    private SsoToken browserLogin(SsoSession session, java.util.function.Function<java.net.URI, java.net.URI> browserEdits) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> session.loginWithBrowser(
                url -> new Thread(() -> dev.stscreds.testkit.BrowserVisit.follow(browserEdits.apply(url))).start(),
                Duration.ofSeconds(15), new java.security.SecureRandom()));
    }

    @Test
    void aBrowserLoginUsesTheAuthorizationCodeWithPkceAndCachesTheTokenAsTheDeviceLoginDoes() throws IOException {
        SsoToken token = browserLogin(session(Optional.of("my-sso")), url -> url);

        assertThat(sso.calls("Authorize")).isEqualTo(1);
        assertThat(sso.calls("StartDeviceAuthorization")).isZero();
        assertThat(token.refreshToken()).isPresent();
        String json = Files.readString(home.resolve(".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"));
        assertThat(json).startsWith("{\"startUrl\":\"" + START_URL + "\",\"region\":\"eu-west-1\",\"accessToken\":\"")
                .contains("\"clientSecret\":", "\"refreshToken\":\"aor");
    }

    @Test
    void aBrowserLoginRefusedByTheUserOrWithAnotherStateSavesNothing() {
        sso.denyAuthorizations(true);
        assertThatThrownBy(() -> browserLogin(session(Optional.of("my-sso")), url -> url))
                .hasMessageContaining("refused in the browser").hasMessageContaining("access_denied");
        sso.denyAuthorizations(false);
        // a page that sends the browser back with a state of its own
        assertThatThrownBy(() -> browserLogin(session(Optional.of("my-sso")),
                url -> java.net.URI.create(url.toString().replaceAll("state=[^&]+", "state=forged"))))
                .hasMessageContaining("state does not match");
        assertThat(home.resolve(".aws/sso/cache")).doesNotExist();
        assertThat(sso.calls("CreateToken")).isZero();
    }

    @Test
    void aLegacyLoginIsKeyedByTheStartUrlAndHasNoRefreshToken() throws IOException {
        new User(1, true).login(session(Optional.empty()));

        String json = Files.readString(home.resolve(".aws/sso/cache/a51746d4aa793ae07b25e90c3a5db96fc7832bd7.json"));
        assertThat(json).contains("\"accessToken\"", "\"expiresAt\"").doesNotContain("refreshToken", "clientSecret");
    }

    @Test
    void slowDownAddsFiveSecondsToTheIntervalForGood() {
        sso.slowDown(2);
        User user = new User(3, true);

        user.login(session(Optional.of("my-sso")));

        assertThat(user.waits).containsExactly(Duration.ofSeconds(6), Duration.ofSeconds(11), Duration.ofSeconds(11));
        assertThat(sso.calls("CreateToken")).isEqualTo(4);
    }

    @Test
    void pollingFasterThanTheIntervalIsAnsweredWithSlowDown() {
        sso.pollInterval(Duration.ofSeconds(10));
        // A sleeper that cuts its first wait short: the server answers slow_down and the client backs off.
        List<Duration> waits = new ArrayList<>();
        AtomicReference<String> code = new AtomicReference<>();
        Sleeper hasty = d -> {
            waits.add(d);
            clock.advance(waits.size() == 1 ? Duration.ofSeconds(1) : d);
            if (waits.size() == 2) sso.approve(code.get());
        };
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> session(Optional.of("s")).login(a -> code.set(a.userCode()), hasty));
        assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(15));
        assertThat(sso.calls("CreateToken")).as("pending, slow_down, granted").isEqualTo(3);
    }

    @Test
    void aDeniedLoginSaysSoAndCachesNothing() {
        User user = new User(1, false);

        assertThatThrownBy(() -> user.login(session(Optional.of("my-sso"))))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("CreateToken").hasMessageContaining("access_denied")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString().contains("Allow"));
        assertThat(home.resolve(".aws/sso/cache")).doesNotExist();
    }

    @Test
    void aCodeNobodyAllowsRunsOutWhenTheDeviceCodeExpires() {
        sso.deviceCodeLifetime(Duration.ofSeconds(5));
        User user = new User(-1, true);

        assertThatThrownBy(() -> user.login(session(Optional.of("my-sso"))))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("was not completed within");
        assertThat(user.waits).hasSize(4);
    }

    @Test
    void aMissingTokenSaysWhichLoginToRun() {
        assertThatThrownBy(() -> session(Optional.of("my-sso")).accessToken())
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("no IAM Identity Center token for sso-session my-sso")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).contains(
                        "log in with `stscreds sso login --sso-session my-sso`"));
    }

    @Test
    void anExpiredLegacyTokenSaysWhichLoginToRun() {
        SsoSession legacy = session(Optional.empty());
        new User(1, true).login(legacy);
        clock.advance(Duration.ofHours(9));

        assertThatThrownBy(legacy::accessToken)
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("token for start URL " + START_URL + " expired at")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString()
                        .contains("stscreds sso login --profile dev"));
        assertThat(sso.calls("CreateToken")).isEqualTo(2);
    }

    @Test
    void aTokenNearItsExpiryIsRenewedWithItsRefreshTokenOnce() {
        SsoSession session = session(Optional.of("my-sso"));
        SsoToken first = new User(1, true).login(session);
        clock.advance(Duration.ofHours(8).minusMinutes(10));

        String renewed = session.accessToken();
        String again = session.accessToken();

        assertThat(renewed).isNotEqualTo(first.accessToken()).isEqualTo(again);
        assertThat(sso.calls("CreateToken")).as("login poll, login grant, one renewal").isEqualTo(3);
        SsoToken cached = cache.read(session.config().cacheKey()).orElseThrow();
        assertThat(cached.accessToken()).isEqualTo(renewed);
        assertThat(cached.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(8)));
        assertThat(cached.refreshToken()).isPresent().isNotEqualTo(first.refreshToken());
    }

    @Test
    void manyReadersOfANearlyExpiredTokenSpendItsRefreshTokenOnce() throws Exception {
        new User(1, true).login(session(Optional.of("my-sso")));
        clock.advance(Duration.ofHours(8).minusMinutes(10));
        int readers = 16;
        // One session object per reader, as separate stscreds processes have: only the cache file is shared.
        List<SsoSession> sessions = new ArrayList<>();
        for (int i = 0; i < readers; i++) sessions.add(session(Optional.of("my-sso")));
        int createTokenBefore = sso.calls("CreateToken");

        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> tokens = new ArrayList<>();
            for (SsoSession each : sessions) {
                tokens.add(pool.submit(() -> {
                    start.await();
                    return each.accessToken();
                }));
            }
            start.countDown();
            Set<String> seen = new HashSet<>();
            for (Future<String> t : tokens) seen.add(t.get(10, TimeUnit.SECONDS));

            assertThat(sso.calls("CreateToken") - createTokenBefore).as("renewals").isEqualTo(1);
            assertThat(seen).as("every reader got the renewed token").hasSize(1)
                    .containsExactly(cache.read(sessions.get(0).config().cacheKey()).orElseThrow().accessToken());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedRenewalKeepsTheOldTokenWhileItLastsThenSaysToLogIn() {
        SsoSession session = session(Optional.of("my-sso"));
        SsoToken first = new User(1, true).login(session);
        sso.revokeTokens();
        clock.advance(Duration.ofHours(8).minusMinutes(10));

        assertThat(session.accessToken()).isEqualTo(first.accessToken());

        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(session::accessToken).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("expired at").hasMessageContaining("invalid_grant")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString()
                        .contains("stscreds sso login --sso-session my-sso"));
    }

    @Test
    void accountsAndRolesAreReadOverEveryPage() {
        sso.pageSize(3);
        for (int i = 1; i <= 7; i++) sso.addAccount("11111111111" + i, "acct-" + i, "a" + i + "@example.com");
        for (int r = 1; r <= 7; r++) sso.addRole("111111111111", "Role" + r);
        sso.addRole("111111111112", "ReadOnly");
        SsoSession session = session(Optional.of("my-sso"));
        new User(1, true).login(session);

        List<SsoAccount> accounts = session.accountsWithRoles();

        assertThat(accounts).extracting(SsoAccount::accountName)
                .containsExactly("acct-1", "acct-2", "acct-3", "acct-4", "acct-5", "acct-6", "acct-7");
        assertThat(accounts.get(0).roleNames()).containsExactly("Role1", "Role2", "Role3", "Role4", "Role5", "Role6", "Role7");
        assertThat(accounts.get(1).roleNames()).containsExactly("ReadOnly");
        assertThat(accounts.get(1).emailAddress()).isEqualTo("a2@example.com");
        assertThat(sso.calls("ListAccounts")).isEqualTo(3);
        assertThat(sso.calls("ListAccountRoles")).as("3 pages for the first account, 1 for each other").isEqualTo(3 + 6);
    }

    @Test
    void logoutSignsOutAtThePortalAndRemovesTheToken() {
        SsoSession session = session(Optional.of("my-sso"));
        SsoToken token = new User(1, true).login(session);

        assertThat(session.logout()).isTrue();

        assertThat(sso.calls("Logout")).isEqualTo(1);
        assertThat(cache.file(session.config().cacheKey())).doesNotExist();
        PortalClient portal = new PortalClient(sso.endpoint(), "eu-west-1");
        assertThatThrownBy(() -> portal.roleCredentials(token.accessToken(), "111111111111", "x"))
                .isInstanceOf(SsoServiceException.class).hasMessageContaining("UnauthorizedException")
                .hasMessageNotContaining(token.accessToken());
        assertThat(session.logout()).isFalse();
    }

    @Test
    void anUnreachableEndpointNamesTheRegionAndTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Settings settings = Settings.of(Map.of(), Map.of("AWS_ENDPOINT_URL_SSO_OIDC", "http://127.0.0.1:" + closedPort), home);
        SsoSessionConfig config = SsoSessionConfig.of(settings, Optional.of("s"), START_URL, "eu-wrong-1", List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), "stscreds sso login --sso-session s");

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> new SsoSession(config, cache, clock).login(a -> {}, d -> {})))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("could not reach IAM Identity Center for sso_region eu-wrong-1 at http://127.0.0.1:" + closedPort)
                .hasMessageContaining("AWS_ENDPOINT_URL_SSO_OIDC")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString().contains("check sso_region"));
    }

    @Test
    void theDefaultEndpointsFollowTheRegion() {
        SsoSessionConfig config = SsoSessionConfig.of(Settings.of(Map.of(), Map.of(), home), Optional.empty(), START_URL,
                "eu-central-1", List.of(), Optional.empty(), Optional.empty(), Optional.empty(), "x");
        assertThat(config.oidcEndpoint().uri()).hasToString("https://oidc.eu-central-1.amazonaws.com/");
        assertThat(config.portalEndpoint().uri()).hasToString("https://portal.sso.eu-central-1.amazonaws.com/");
        assertThat(config.portalEndpoint().origin()).contains("sso_region eu-central-1");
    }

    @Test
    void aRenewedTokenIsHandedOutWhenTheCacheCannotBeWritten() throws Exception {
        SsoSession session = session(Optional.of("my-sso"));
        SsoToken first = new User(1, true).login(session);
        clock.advance(Duration.ofHours(8).minusMinutes(10));
        var readOnly = dev.stscreds.testkit.ReadOnlyFolder.make(home.resolve(".aws/sso/cache"));
        org.junit.jupiter.api.Assumptions.assumeTrue(readOnly.isPresent(), "no way to make a folder read-only here");
        try (var ro = readOnly.get()) {
            String renewed = session.accessToken();
            assertThat(renewed).isNotEqualTo(first.accessToken());
            assertThat(sso.calls("CreateToken")).as("login poll, login grant, one renewal").isEqualTo(3);
            assertThat(cache.read(session.config().cacheKey()).orElseThrow().accessToken()).isEqualTo(first.accessToken());
        }
    }
}
