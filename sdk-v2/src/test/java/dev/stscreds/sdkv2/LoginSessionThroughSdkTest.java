package dev.stscreds.sdkv2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.signin.LoginTokenCache;
import dev.stscreds.signin.SigninClient;
import dev.stscreds.signin.SigninLogin;
import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.testkit.BrowserVisit;
import dev.stscreds.testkit.signin.LocalSignin;
import dev.stscreds.testkit.sts.LocalSts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.StsClient;

/** A login_session profile through the bridge: the SDK's STS client signs with the sign-in session's role credentials. */
class LoginSessionThroughSdkTest {
    @TempDir
    Path dir;

    @Test
    void theSdkCallsStsAsTheSignedInRole() throws Exception {
        try (LocalSts sts = new LocalSts().start(); LocalSignin signin = new LocalSignin(sts).start()) {
            sts.createRole("Admin", "{\"Statement\": []}");
            ProfileFixture home = new ProfileFixture(dir.resolve("home")).env("AWS_ENDPOINT_URL_SIGNIN", signin.endpoint().toString());
            SigninLogin.Result session = new SigninLogin(new SigninClient(signin.endpoint(), "test", Clock.systemUTC()),
                    LoginTokenCache.forSettings(home.settings()), Clock.systemUTC(), new SecureRandom(), "stscreds login")
                    .sameDevice(url -> new Thread(() -> BrowserVisit.follow(url)).start(), Duration.ofSeconds(20));
            home.config("[profile dev]\nlogin_session = " + session.loginSession() + "\n");

            StscredsCredentialsProvider bridge = StscredsCredentialsProvider.of(
                    new ProfileCredentialsProvider(home.settings(), "dev", Clock.systemUTC()));
            try (StsClient client = SdkSts.client(sts.endpoint(), bridge, Files.writeString(dir.resolve("empty"), ""))) {
                assertThat(client.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Admin/alice");
            }
        }
    }
}
