package dev.stscreds.wire.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.resolve.ResolveOptions;
import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.wire.sts.StsClient;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS calls through a real forward proxy (tinyproxy on loopback) chosen from HTTPS_PROXY /
 * HTTP_PROXY / NO_PROXY, and to a TLS endpoint whose certificate a test CA signed, trusted through
 * AWS_CA_BUNDLE or the profile's ca_bundle. The proxied endpoint listens on this machine's
 * non-loopback address, since loopback is never proxied.
 */
class ProxyAndCaBundleTest {
    private static final Credentials KEYS = Credentials.builder().accessKeyId("AKIAIOSFODNN7EXAMPLE")
            .secretAccessKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY").source("test").build();

    @TempDir
    static Path caDir;
    private static TestCa ca;
    private static String outside;

    @TempDir
    Path dir;

    /** One CA for the class (keytool is slow to start): its server certificate is for loopback and this machine's address. */
    @BeforeAll
    static void makeCa() throws Exception {
        outside = outsideAddress();
        ca = outside == null ? TestCa.create(caDir, "127.0.0.1") : TestCa.create(caDir, "127.0.0.1", outside);
    }

    private final Map<String, String> env = new HashMap<>();

    private Settings settings() {
        return Settings.of(Map.of(), env, dir);
    }

    private StsClient sts(java.net.URI endpoint) {
        return StsClient.create(endpoint, "us-east-1", Clock.systemUTC(), Network.fromEnvironment(settings()));
    }

    @Test
    void theProfilesCaBundleLetsRoleCallsReachAnEndpointWithATestCaCertificate() throws Exception {
        try (CannedSts sts = CannedSts.https("127.0.0.1", ca.serverContext())) {
            ProfileFixture f = new ProfileFixture(Files.createDirectories(dir.resolve("home")))
                    .credentials("[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n")
                    .config("[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\n"
                            + "region = eu-west-1\nca_bundle = " + ca.caPem() + "\n"
                            + "[profile untrusting]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\n")
                    .env("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());

            assertThatThrownBy(() -> new ProfileCredentialsProvider(f.settings(), "untrusting", Clock.systemUTC(),
                    ResolveOptions.NONE).resolve()).isInstanceOf(CredentialsException.class);
            assertThat(sts.calls()).isZero();

            Credentials c = new ProfileCredentialsProvider(f.settings(), "dev", Clock.systemUTC(), ResolveOptions.NONE).resolve();
            assertThat(c.accessKeyId()).isEqualTo("ASIACANNEDEXAMPLE");
            assertThat(sts.calls()).isEqualTo(1);
        }
    }

    @Test
    void awsCaBundleIsTrustedForEveryCallAndABadBundleSaysWhere() throws Exception {
        try (CannedSts sts = CannedSts.https("127.0.0.1", ca.serverContext())) {
            assertThatThrownBy(() -> sts(sts.endpoint()).getCallerIdentity(KEYS)).isInstanceOf(RuntimeException.class);
            env.put("AWS_CA_BUNDLE", ca.caPem().toString());
            assertThat(sts(sts.endpoint()).getCallerIdentity(KEYS).account()).isEqualTo("123456789012");
        }
        env.put("AWS_CA_BUNDLE", Files.writeString(dir.resolve("not.pem"), "hello").toString());
        assertThatThrownBy(() -> Network.fromEnvironment(settings())).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("AWS_CA_BUNDLE").hasMessageContaining("not.pem");
    }

    @Test
    void callsGoThroughTheProxyUnlessNoProxyOrLoopbackSaysOtherwise() throws Exception {
        assumeTrue(Tinyproxy.installed(), "tinyproxy is not installed (apt-get install tinyproxy): proxy test skipped");
        assumeTrue(outside != null, "this machine has no non-loopback IPv4 address: proxy test skipped");
        try (Tinyproxy proxy = Tinyproxy.start(Files.createDirectories(dir.resolve("proxy")));
             CannedSts remote = CannedSts.http(outside);
             CannedSts local = CannedSts.http("127.0.0.1")) {
            env.put("HTTP_PROXY", proxy.url());
            sts(remote.endpoint()).getCallerIdentity(KEYS);
            assertThat(remote.vias).last().asString().contains("tinyproxy");

            env.put("no_proxy", "example.com, " + outside.substring(0, outside.lastIndexOf('.')) + ".0/24");
            sts(remote.endpoint()).getCallerIdentity(KEYS);
            assertThat(remote.vias).last().isEqualTo("null");

            env.remove("no_proxy");
            env.put("HTTP_PROXY", "http://127.0.0.1:1"); // nothing listens there: a proxied call fails
            assertThatThrownBy(() -> sts(remote.endpoint()).getCallerIdentity(KEYS)).isInstanceOf(RuntimeException.class);
            sts(local.endpoint()).getCallerIdentity(KEYS); // loopback goes direct
            assertThat(local.vias).containsExactly("null");

            env.put("http_proxy", proxy.url()); // the lower-case name wins
            sts(remote.endpoint()).getCallerIdentity(KEYS);
            assertThat(remote.vias).last().asString().contains("tinyproxy");
        }
    }

    @Test
    void httpsCallsAreTunnelledThroughTheProxyToAnEndpointOfTheTestCa() throws Exception {
        assumeTrue(Tinyproxy.installed(), "tinyproxy is not installed (apt-get install tinyproxy): proxy test skipped");
        assumeTrue(outside != null, "this machine has no non-loopback IPv4 address: proxy test skipped");
        try (Tinyproxy proxy = Tinyproxy.start(Files.createDirectories(dir.resolve("proxy")));
             CannedSts remote = CannedSts.https(outside, ca.serverContext())) {
            env.put("HTTPS_PROXY", proxy.url());
            env.put("HTTP_PROXY", "http://127.0.0.1:1"); // only for http URLs
            env.put("AWS_CA_BUNDLE", ca.caPem().toString());
            assertThat(sts(remote.endpoint()).getCallerIdentity(KEYS).arn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
            assertThat(proxy.log()).contains("CONNECT " + outside + ":" + remote.endpoint().getPort());
            assertThat(remote.calls()).isEqualTo(1);
        }
    }

    /** An IPv4 address of this machine that is neither loopback nor link-local, or null. */
    private static String outsideAddress() throws SocketException {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp() || n.isLoopback()) continue;
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) return a.getHostAddress();
            }
        }
        return null;
    }
}
