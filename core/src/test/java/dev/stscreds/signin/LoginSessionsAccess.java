package dev.stscreds.signin;

import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.testing.ProfileFixture;
import java.net.URI;
import java.time.Clock;

/** A bare provider for profile dev (no refresh decorator in front), as a separate process would have. */
final class LoginSessionsAccess {
    private LoginSessionsAccess() {}

    static CredentialsProvider provider(ProfileFixture fixture, Clock clock) {
        var settings = fixture.settings();
        String session = ProfileSet.load(settings).profile("dev").orElseThrow().value("login_session").orElseThrow();
        URI endpoint = URI.create(settings.environmentVariable("AWS_ENDPOINT_URL_SIGNIN").orElseThrow());
        return new LoginCredentialsProvider(session, "dev", LoginTokenCache.forSettings(settings),
                token -> new SigninClient(endpoint, "test", clock), clock);
    }
}
