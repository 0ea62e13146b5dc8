package dev.stscreds.testkit.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.testkit.sts.QueryClient.Creds;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local federation endpoint accepts exactly the sessions its STS issued, and only while they are valid. */
class FederationEndpointTest extends LocalStsFixture {
    private FederationEndpoint federation;
    private Creds role;

    @BeforeEach
    void startFederation() {
        federation = new FederationEndpoint(sts).start();
        String arn = sts.createRole("Admin", trustAccount("arn:aws:iam::123456789012:root"));
        role = ok(client.sts(alice, "AssumeRole", "RoleArn", arn, "RoleSessionName", "console")).credentials();
    }

    @AfterEach
    void stopFederation() {
        federation.close();
    }

    @Test
    void aRoleSessionGetsATokenThatLogsIn() throws IOException {
        Answer token = get("Action=getSigninToken&SessionDuration=3600&Session=" + session(role.accessKeyId(), role.secret(), role.token()));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\\{\"SigninToken\":\"([^\"]+)\"}").matcher(token.body());
        assertThat(m.matches()).as(token.body()).isTrue();
        assertThat(federation.lastSessionDuration()).contains(3600);

        Answer login = get("Action=login&Issuer=test&Destination=" + enc("https://console.aws.amazon.com/") + "&SigninToken=" + enc(m.group(1)));
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.location()).isEqualTo("https://console.aws.amazon.com/");
        assertThat(federation.calls("getSigninToken")).isEqualTo(1);
        assertThat(federation.calls("login")).isEqualTo(1);
    }

    @Test
    void longTermKeysAWrongSecretAndAnExpiredSessionAreRefused() throws IOException {
        assertThat(get("Action=getSigninToken&Session=" + session(alice.accessKeyId(), alice.secret(), "none")).status()).isEqualTo(400);
        assertThat(get("Action=getSigninToken&Session=" + session(role.accessKeyId(), "wrong", role.token())).status()).isEqualTo(400);
        assertThat(get("Action=getSigninToken&Session=" + enc("{\"sessionId\": 1}")).status()).isEqualTo(400);
        assertThat(get("Action=getSigninToken&Session=" + enc("not json")).status()).isEqualTo(400);
        assertThat(get("Action=getSigninToken&SessionDuration=899&Session=" + session(role.accessKeyId(), role.secret(), role.token())).status())
                .isEqualTo(400);
        clock.advance(Duration.ofHours(1));
        assertThat(get("Action=getSigninToken&Session=" + session(role.accessKeyId(), role.secret(), role.token())).status()).isEqualTo(400);
    }

    @Test
    void anUnknownOrExpiredSigninTokenIsRefused() throws IOException {
        Answer token = get("Action=getSigninToken&Session=" + session(role.accessKeyId(), role.secret(), role.token()));
        String signinToken = token.body().replaceAll(".*\"SigninToken\":\"([^\"]+)\".*", "$1");
        assertThat(get("Action=login&Destination=x&SigninToken=unknown").status()).isEqualTo(400);
        clock.advance(FederationEndpoint.TOKEN_LIFETIME);
        assertThat(get("Action=login&Destination=x&SigninToken=" + enc(signinToken)).status()).isEqualTo(400);
    }

    private record Answer(int status, String body, String location) {}

    private Answer get(String query) throws IOException {
        URI url = URI.create(federation.endpoint() + "?" + query);
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(2000);
        c.setReadTimeout(2000);
        try {
            int status = c.getResponseCode();
            var in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, body, c.getHeaderField("Location"));
        } finally {
            c.disconnect();
        }
    }

    private static String session(String id, String key, String token) {
        return enc("{\"sessionId\":\"" + id + "\",\"sessionKey\":\"" + key + "\",\"sessionToken\":\"" + token + "\"}");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
