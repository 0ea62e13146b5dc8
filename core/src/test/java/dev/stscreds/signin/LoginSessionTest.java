package dev.stscreds.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.resolve.DefaultCredentialsChain;
import dev.stscreds.resolve.Explainer;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.testkit.BrowserVisit;
import dev.stscreds.testkit.MutableClock;
import dev.stscreds.testkit.signin.LocalSignin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in sessions end to end against the testkit's sign-in service: sign-in, cache, renewal, errors. */
class LoginSessionTest {
    @TempDir
    Path home;

    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    private LocalSignin signin;
    private ProfileFixture fixture;

    @BeforeEach
    void start() {
        signin = new LocalSignin().clock(clock).start();
        fixture = new ProfileFixture(home).env("AWS_ENDPOINT_URL_SIGNIN", signin.endpoint().toString());
    }

    @AfterEach
    void stop() {
        signin.close();
    }

    private SigninLogin login() {
        return new SigninLogin(new SigninClient(signin.endpoint(), "test", clock),
                LoginTokenCache.forSettings(fixture.settings()), clock, new SecureRandom(), "stscreds login --profile dev");
    }

    /** Signs in with a browser that follows the sign-in page back to the loopback redirect, and writes profile dev. */
    private SigninLogin.Result signIn() {
        AtomicReference<Throwable> browserFailure = new AtomicReference<>();
        SigninLogin.Result result = login().sameDevice(url -> {
            Thread browser = new Thread(() -> {
                try {
                    BrowserVisit.follow(url);
                } catch (Throwable t) {
                    browserFailure.set(t);
                }
            });
            browser.start();
        }, Duration.ofSeconds(20));
        assertThat(browserFailure.get()).isNull();
        fixture.config("[profile dev]\nlogin_session = " + result.loginSession() + "\nregion = eu-west-1\n");
        return result;
    }

    private CredentialsProvider provider() {
        return new ProfileCredentialsProvider(fixture.settings(), "dev", clock);
    }

    @Test
    void aSignInIsCachedUnderTheSha256OfItsSessionAndResolvesWithoutACall() throws Exception {
        SigninLogin.Result result = signIn();

        assertThat(result.loginSession()).isEqualTo(LocalSignin.DEFAULT_IDENTITY);
        assertThat(result.file()).isEqualTo(home.resolve(".aws/login/cache/" + LoginTokenCache.key(LocalSignin.DEFAULT_IDENTITY) + ".json"));
        assertThat(LoginTokenCache.key("  " + LocalSignin.DEFAULT_IDENTITY + " ")).isEqualTo(LoginTokenCache.key(LocalSignin.DEFAULT_IDENTITY));
        assertThat(Files.getPosixFilePermissions(result.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(signin.calls("CreateOAuth2Token")).isEqualTo(1);

        Credentials c = provider().resolve();
        assertThat(c.accountId()).contains("123456789012");
        assertThat(c.expiration()).contains(Instant.parse("2026-03-01T09:15:00Z"));
        assertThat(c.source()).contains("sign-in session");
        assertThat(signin.calls("CreateOAuth2Token")).isEqualTo(1);
    }

    @Test
    void renewsFiveMinutesBeforeExpiryAndWritesTheSessionBackKeepingEveryOtherField() throws Exception {
        SigninLogin.Result result = signIn();
        String before = Files.readString(result.file());
        // a field another tool wrote must survive the rewrite
        Files.writeString(result.file(), before.substring(0, before.length() - 1) + ", \"signInRegion\": \"eu-west-1\"}");
        Credentials first = provider().resolve();

        clock.advance(Duration.ofMinutes(9).plusSeconds(59)); // 5 min 1 s left: no renewal yet
        assertThat(provider().resolve().accessKeyId()).isEqualTo(first.accessKeyId());
        assertThat(signin.refreshes()).isZero();

        clock.advance(Duration.ofSeconds(1)); // exactly 5 minutes left
        Credentials second = provider().resolve();
        assertThat(signin.refreshes()).isEqualTo(1);
        assertThat(second.accessKeyId()).isNotEqualTo(first.accessKeyId());
        assertThat(second.expiration()).contains(clock.instant().plus(Duration.ofMinutes(15)));

        LoginToken written = new LoginTokenCache(home.resolve(".aws/login/cache")).read(result.loginSession()).orElseThrow();
        assertThat(written.refreshToken()).isNotEqualTo(result.token().refreshToken());
        assertThat(written.clientId()).isEqualTo(SigninClient.SAME_DEVICE_CLIENT);
        assertThat(written.idToken()).isEqualTo(result.token().idToken());
        assertThat(written.signInRegion()).contains("eu-west-1");
        String text = Files.readString(result.file());
        assertThat(text).startsWith("{\"accessToken\": {\"accessKeyId\": \"" + second.accessKeyId() + "\", \"secretAccessKey\": ");
        assertThat(text).contains("\"expiresAt\": \"2026-03-01T09:25:00Z\"}, \"tokenType\": \"aws_sigv4\", \"clientId\": ");
        assertThat(text).contains("\"dpopKey\": \"-----BEGIN EC PRIVATE KEY-----\\n").endsWith("\"signInRegion\": \"eu-west-1\"}");
    }

    @Test
    void renewsAtMostOnceEvery30Seconds() {
        signin.credentialLifetime(Duration.ofMinutes(2)); // always inside the 5-minute window
        signIn();
        CredentialsProvider upstream = LoginSessionsAccess.provider(fixture, clock);

        upstream.resolve();
        upstream.resolve();
        assertThat(signin.refreshes()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(29));
        upstream.resolve();
        assertThat(signin.refreshes()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        upstream.resolve();
        assertThat(signin.refreshes()).isEqualTo(2);
    }

    @Test
    void manyThreadsAndManyProvidersRenewOneExpiryOnce() throws Exception {
        signIn();
        clock.advance(Duration.ofMinutes(12));
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Credentials>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                // a provider each, as separate processes would have: the file lock makes them agree
                CredentialsProvider p = LoginSessionsAccess.provider(fixture, clock);
                answers.add(pool.submit(() -> {
                    go.await();
                    return p.resolve();
                }));
            }
            go.countDown();
            Set<String> keys = new java.util.HashSet<>();
            for (Future<Credentials> f : answers) keys.add(f.get().accessKeyId());
            assertThat(keys).hasSize(1);
            assertThat(signin.refreshes()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEndedSessionSaysToSignInAgain() {
        signIn();
        clock.advance(Duration.ofMinutes(12));
        signin.expireSessions();

        assertThatThrownBy(() -> provider().resolve()).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("profile dev").hasMessageContaining("TOKEN_EXPIRED")
                .satisfies(e -> assertThat(((CredentialsException) e).hint().orElseThrow()).contains("sign in again with `stscreds login --profile dev`"));
    }

    @Test
    void aSessionPastTwelveHoursOnTheServiceClockHasEnded() {
        signin.credentialLifetime(Duration.ofMinutes(15));
        signIn();
        clock.advance(Duration.ofHours(12));
        assertThatThrownBy(() -> provider().resolve()).hasMessageContaining("TOKEN_EXPIRED");
    }

    @Test
    void changedUserCredentialsAndMissingPermissionsAreToldApart() {
        signIn();
        clock.advance(Duration.ofMinutes(11));
        signin.changeUserCredentials();
        assertThatThrownBy(() -> provider().resolve()).hasMessageContaining("USER_CREDENTIALS_CHANGED")
                .hasMessageContaining("password or keys");

        signin.reset();
        signin.clock(clock);
        fixture.config("");
        signIn();
        clock.advance(Duration.ofMinutes(11));
        signin.insufficientPermissions(true);
        assertThatThrownBy(() -> provider().resolve()).hasMessageContaining("INSUFFICIENT_PERMISSIONS")
                .satisfies(e -> assertThat(((CredentialsException) e).hint().orElseThrow()).contains("signin:CreateOAuth2Token"));
    }

    @Test
    void aRefreshProvedWithAnotherKeyIsRefused() throws Exception {
        SigninLogin.Result result = signIn();
        String text = Files.readString(result.file());
        String otherKey = DpopKey.generate(new SecureRandom()).toPem().replace("\n", "\\n");
        Files.writeString(result.file(), text.replaceAll("\"dpopKey\": \"[^\"]*\"", "\"dpopKey\": \"" + otherKey.replace("\\", "\\\\") + "\""));
        clock.advance(Duration.ofMinutes(11));

        assertThatThrownBy(() -> provider().resolve()).hasMessageContaining("not the key this refresh token is bound to");
        assertThat(signin.refreshes()).isZero();
    }

    @Test
    void aFailedRenewalKeepsCredentialsThatStillWorkWhenTheServiceIsDown() {
        signIn();
        Credentials first = provider().resolve();
        clock.advance(Duration.ofMinutes(11));
        signin.faults().always(dev.stscreds.testkit.Fault.status(503));
        assertThat(LoginSessionsAccess.provider(fixture, clock).resolve().accessKeyId()).isEqualTo(first.accessKeyId());
    }

    @Test
    void aMissingSessionSaysHowToSignIn() {
        fixture.config("[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/bob\n");
        assertThatThrownBy(() -> provider().resolve()).hasMessageContaining("no sign-in session in")
                .satisfies(e -> assertThat(((CredentialsException) e).hint().orElseThrow()).contains("stscreds login --profile dev"));
    }

    @Test
    void explainShowsTheCacheFileExpiryAndRenewalsLeftWithoutACall() {
        SigninLogin.Result result = signIn();
        clock.advance(Duration.ofHours(2));
        var explanation = new Explainer(fixture.settings(), clock).explainProfile("dev", false);
        String summary = explanation.profileChain().get(0).summary();
        assertThat(summary).contains(result.file().toString()).contains("expired at 2026-03-01T09:15:00Z")
                .contains("renewable until 2026-03-01T21:00:00Z (40 more 15-minute renewals)");
        assertThat(signin.calls("CreateOAuth2Token")).isEqualTo(1);
    }

    @Test
    void theDefaultChainResolvesALoginSessionProfile() {
        signIn();
        Credentials c = DefaultCredentialsChain.create(new ProfileFixture(home)
                .env("AWS_ENDPOINT_URL_SIGNIN", signin.endpoint().toString()).env("AWS_PROFILE", "dev").settings(), clock).resolve();
        assertThat(c.source()).contains("sign-in session");
    }

    /** The code the sign-in page hands back for an authorization request, read from its redirect without following it. */
    private String codeFor(String redirectUri, dev.stscreds.oauth.Pkce pkce) throws Exception {
        java.net.URI authorize = login().authorizationUri(SigninClient.SAME_DEVICE_CLIENT, "s1", pkce, redirectUri);
        var c = (java.net.HttpURLConnection) authorize.toURL().openConnection(java.net.Proxy.NO_PROXY);
        c.setInstanceFollowRedirects(false);
        assertThat(c.getResponseCode()).isEqualTo(302);
        String location = c.getHeaderField("Location");
        return java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theServiceChecksTheVerifierTheRedirectTheCodeAndEachProof() throws Exception {
        SigninClient client = new SigninClient(signin.endpoint(), "test", clock);
        DpopKey key = DpopKey.generate(new SecureRandom());
        String redirect = "http://127.0.0.1:9/oauth/callback";
        dev.stscreds.oauth.Pkce pkce = dev.stscreds.oauth.Pkce.generate(new SecureRandom());
        dev.stscreds.oauth.Pkce other = dev.stscreds.oauth.Pkce.generate(new SecureRandom());

        String code = codeFor(redirect, pkce);
        assertThatThrownBy(() -> client.redeem(SigninClient.SAME_DEVICE_CLIENT, code, other.verifier(), redirect, key))
                .hasMessageContaining("PKCE code verifier does not match");
        assertThatThrownBy(() -> client.redeem(SigninClient.SAME_DEVICE_CLIENT, code, pkce.verifier(), redirect, key))
                .as("a code works once").hasMessageContaining("unknown or was used before");

        String second = codeFor(redirect, pkce);
        assertThatThrownBy(() -> client.redeem(SigninClient.SAME_DEVICE_CLIENT, second, pkce.verifier(),
                "http://127.0.0.1:10/oauth/callback", key)).hasMessageContaining("redirectUri does not match");

        String late = codeFor(redirect, pkce);
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> client.redeem(SigninClient.SAME_DEVICE_CLIENT, late, pkce.verifier(), redirect, key))
                .isInstanceOfSatisfying(SigninServiceException.class, e -> assertThat(e.errorCode()).contains("AUTHCODE_EXPIRED"));

        // one proof sent twice: the second is a replay; a proof for another URL or from another time is refused
        java.net.URI token = java.net.URI.create(signin.endpoint() + "/v1/token");
        String proof = key.proof("POST", token, clock.instant(), java.util.UUID.randomUUID());
        assertThat(post(token, proof)).contains("refresh token is not valid");
        assertThat(post(token, proof)).contains("jti was used before");
        assertThat(post(token, key.proof("POST", java.net.URI.create("http://127.0.0.1:1/v1/token"), clock.instant(),
                java.util.UUID.randomUUID()))).contains("htu is not");
        assertThat(post(token, key.proof("POST", token, clock.instant().minus(Duration.ofMinutes(6)),
                java.util.UUID.randomUUID()))).contains("iat is more than 5 minutes");
        assertThat(post(token, null)).contains("DPoP header is missing");
        assertThat(signin.calls("authorization_code:ok")).isZero();
    }

    private static String post(java.net.URI url, String proof) throws Exception {
        var c = (java.net.HttpURLConnection) url.toURL().openConnection(java.net.Proxy.NO_PROXY);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        if (proof != null) c.setRequestProperty("DPoP", proof);
        c.getOutputStream().write(("{\"clientId\":\"" + SigninClient.SAME_DEVICE_CLIENT
                + "\",\"grantType\":\"refresh_token\",\"refreshToken\":\"nope\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(c.getResponseCode()).isEqualTo(400);
        return new String(c.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aRemoteSignInReadsTheCodeThePageShows() {
        AtomicReference<java.net.URI> shown = new AtomicReference<>();
        SigninLogin.Result result = login().remote(shown::set, () -> {
            String page = BrowserVisit.follow(shown.get()).body();
            return page.replaceAll("(?s).*<code id=\"verification-code\">([^<]*)</code>.*", "$1");
        });
        assertThat(shown.get().getQuery()).contains("client_id=" + SigninClient.CROSS_DEVICE_CLIENT)
                .contains("redirect_uri=" + signin.endpoint() + "/v1/sessions/confirmation").contains("code_challenge_method=SHA-256");
        assertThat(result.token().clientId()).isEqualTo(SigninClient.CROSS_DEVICE_CLIENT);
    }

    @Test
    void aDeniedSignInAndAStaleStateSaveNothing() {
        signin.denySignIns(true);
        assertThatThrownBy(this::signIn).hasMessageContaining("refused in the browser");
        signin.denySignIns(false);

        AtomicReference<java.net.URI> shown = new AtomicReference<>();
        assertThatThrownBy(() -> login().remote(shown::set, () -> java.util.Base64.getEncoder()
                .encodeToString("state=an-old-one&code=abc".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .hasMessageContaining("state does not match");
        assertThat(home.resolve(".aws/login/cache")).doesNotExist();
    }
}
