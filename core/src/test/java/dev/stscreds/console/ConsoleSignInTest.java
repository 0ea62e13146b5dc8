package dev.stscreds.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.config.Settings;
import dev.stscreds.resolve.ResolveOptions;
import dev.stscreds.testkit.Fault;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.FederationEndpoint;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.JsonFormatException;
import dev.stscreds.wire.sts.StsClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Console sign-in against the testkit's STS and federation endpoint, which accept only sessions the STS issued. */
class ConsoleSignInTest {
    private static final String TRUST_ACCOUNT = """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}""";

    @TempDir
    Path home;

    private LocalSts sts;
    private FederationEndpoint federation;
    private AccessKey key;
    private Settings settings;

    @BeforeEach
    void start() throws IOException {
        sts = new LocalSts().start();
        federation = new FederationEndpoint(sts).start();
        sts.createUser("alice");
        key = sts.createAccessKey("alice");
        String admin = sts.createRole("Admin", TRUST_ACCOUNT, Duration.ofHours(12));
        String auditor = sts.createRole("Auditor", TRUST_ACCOUNT);
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"),
                "[alice]\naws_access_key_id = " + key.accessKeyId() + "\naws_secret_access_key = " + key.secretAccessKey() + "\n");
        Files.writeString(home.resolve(".aws/config"), "[profile alice]\nregion = eu-west-1\n"
                + "[profile admin]\nrole_arn = " + admin + "\nsource_profile = alice\nregion = eu-west-1\n"
                + "[profile auditor]\nrole_arn = " + auditor + "\nsource_profile = admin\n"
                + "[profile empty]\nregion = eu-west-1\n");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
        env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        settings = Settings.of(Map.of(), env, home);
    }

    @AfterEach
    void stop() {
        federation.close();
        sts.close();
    }

    private ConsoleSignIn signIn(String profile) {
        return ConsoleSignIn.forProfile(settings, profile, Clock.systemUTC(), ResolveOptions.NONE)
                .withHttp(new HttpFetch(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4), 64 * 1024));
    }

    private SignInRequest local() {
        return SignInRequest.DEFAULTS.withFederationEndpoint(federation.endpoint());
    }

    private static void guarded(Executable test) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), test);
    }

    @Test
    void aRoleSessionSignsInToTheRegionsConsole() {
        guarded(() -> {
            URI url = signIn("admin").signInUrl(local());

            assertThat(url.toString()).startsWith(federation.endpoint() + "?Action=login&Issuer=stscreds&Destination=");
            Map<String, String> query = query(url);
            assertThat(query.get("Destination")).isEqualTo("https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1");
            assertThat(query.get("SigninToken")).isNotBlank();
            assertThat(FederationEndpoint.followSignIn(url)).isEqualTo(query.get("Destination"));
            assertThat(sts.calls("AssumeRole")).isEqualTo(1);
            assertThat(sts.calls("GetFederationToken")).isZero();
            assertThat(federation.calls("getSigninToken")).isEqualTo(1);
            assertThat(federation.lastSessionDuration()).isEmpty();
        });
    }

    @Test
    void aDurationBecomesTheSessionDurationOfARoleSession() {
        guarded(() -> {
            URI url = signIn("admin").signInUrl(local().withDuration(Duration.ofHours(2))
                    .withDestination(URI.create("https://console.aws.amazon.com/s3/home?region=eu-west-1")));

            assertThat(federation.lastSessionDuration()).contains(7200);
            assertThat(FederationEndpoint.followSignIn(url)).isEqualTo("https://console.aws.amazon.com/s3/home?region=eu-west-1");
        });
    }

    @Test
    void longTermKeysAreTradedWithGetFederationTokenOnce() {
        guarded(() -> {
            URI url = signIn("alice").signInUrl(local().withDuration(Duration.ofHours(1)));

            assertThat(sts.calls("GetFederationToken")).isEqualTo(1);
            assertThat(sts.calls("AssumeRole")).isZero();
            assertThat(federation.lastSessionDuration()).as("the token's lifetime is the session's").isEmpty();
            assertThat(FederationEndpoint.followSignIn(url)).startsWith("https://eu-west-1.console.aws.amazon.com/");
            assertThat(url.toString()).doesNotContain(key.accessKeyId(), key.secretAccessKey());
        });
    }

    @Test
    void aRoleChainedSessionWithADurationIsRefusedBeforeAnyCall() {
        guarded(() -> {
            assertThatThrownBy(() -> signIn("auditor").signInUrl(local().withDuration(Duration.ofHours(1))))
                    .isInstanceOfSatisfying(CredentialsException.class, e -> {
                        assertThat(e.getMessage()).contains("profile auditor", "role chaining");
                        assertThat(e.hint()).get().asString().contains("leave out --duration");
                    });
            assertThat(federation.calls("getSigninToken")).isZero();

            URI url = signIn("auditor").signInUrl(local());
            assertThat(FederationEndpoint.followSignIn(url)).isEqualTo("https://console.aws.amazon.com/"); // the profile has no region
        });
    }

    @Test
    void aDurationOutsideWhatAwsAllowsIsRefused() {
        guarded(() -> {
            for (Duration d : new Duration[] {Duration.ofSeconds(899), Duration.ofSeconds(43_201)}) {
                assertThatThrownBy(() -> signIn("admin").signInUrl(local().withDuration(d)))
                        .isInstanceOf(CredentialsException.class).hasMessageContaining("900 to 43200");
            }
            assertThat(sts.calls()).isZero();
            assertThat(federation.calls("getSigninToken")).isZero();
        });
    }

    @Test
    void aProfileWithoutCredentialsCallsNothing() {
        guarded(() -> {
            assertThatThrownBy(() -> signIn("empty").signInUrl(local())).isInstanceOf(CredentialsNotConfiguredException.class)
                    .hasMessageContaining("empty");
            assertThat(federation.calls("getSigninToken")).isZero();
        });
    }

    @Test
    void aRefusalSaysWhichEndpointAndStatusAndNoSecret() {
        guarded(() -> {
            federation.faults().next(1, Fault.status(403));
            assertThatThrownBy(() -> signIn("admin").signInUrl(local()))
                    .isInstanceOfSatisfying(CredentialsException.class, e -> {
                        assertThat(e.getMessage()).contains("getSigninToken at " + federation.endpoint(), "HTTP 403");
                        assertNoSecret(e);
                    });
        });
    }

    @Test
    void anMfaSessionIsRefusedByTheEndpointWithAHint() throws IOException {
        Credentials mfaSession = StsClient.create(sts.endpoint(), "us-east-1", Clock.systemUTC())
                .getSessionToken(Credentials.of(key.accessKeyId(), key.secretAccessKey(), "test"), null, null, null).credentials();
        Files.writeString(home.resolve(".aws/credentials"), "[session]\naws_access_key_id = " + mfaSession.accessKeyId()
                + "\naws_secret_access_key = " + mfaSession.secretAccessKey() + "\naws_session_token = " + mfaSession.sessionToken().orElseThrow() + "\n");
        guarded(() -> assertThatThrownBy(() -> signIn("session").signInUrl(local()))
                .isInstanceOfSatisfying(CredentialsException.class, e -> {
                    assertThat(e.getMessage()).contains("HTTP 400");
                    assertThat(e.hint()).get().asString().contains("GetSessionToken");
                    assertThat(e.describe()).doesNotContain(mfaSession.secretAccessKey(), mfaSession.sessionToken().orElseThrow());
                }));
    }

    @Test
    void anAnswerThatIsNotJsonOrHasNoTokenIsAFormatError() {
        guarded(() -> {
            federation.faults().next(1, Fault.malformedBody());
            assertThatThrownBy(() -> signIn("admin").signInUrl(local())).isInstanceOf(JsonFormatException.class)
                    .hasMessageContaining("getSigninToken at " + federation.endpoint());
            federation.faults().next(1, Fault.answer(200, "application/json", "{\"Token\": \"x\"}"));
            assertThatThrownBy(() -> signIn("admin").signInUrl(local())).isInstanceOf(JsonFormatException.class)
                    .hasMessageContaining("SigninToken");
        });
    }

    @Test
    void anUnreachableEndpointFailsWithoutTheSessionInTheMessageOrCause() {
        guarded(() -> {
            URI gone = federation.endpoint();
            federation.close();
            assertThatThrownBy(() -> signIn("admin").signInUrl(SignInRequest.DEFAULTS.withFederationEndpoint(gone)))
                    .isInstanceOfSatisfying(CredentialsException.class, e -> {
                        assertThat(e.getMessage()).contains("getSigninToken at " + gone, "failed");
                        assertThat(e.getMessage()).doesNotContain("Session=");
                        assertThat(e.getCause()).isNull();
                        assertNoSecret(e);
                    });
        });
    }

    @Test
    void notAUrlIsRefused() {
        assertThatThrownBy(() -> signIn("admin").signInUrl(local().withDestination(URI.create("console"))))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("destination console");
        assertThat(sts.calls()).isZero();
    }

    private void assertNoSecret(CredentialsException e) {
        assertThat(e.describe()).doesNotContain(key.secretAccessKey());
        Throwable t = e;
        while (t != null) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(key.secretAccessKey(), "sessionKey", "sessionToken");
            t = t.getCause();
        }
    }


    private static Map<String, String> query(URI url) {
        Map<String, String> out = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
