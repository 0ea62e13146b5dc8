package dev.stscreds.wire.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which requests go through which proxy, as the AWS CLI decides from the environment. */
class ProxyRoutesTest {
    private static String via(Map<String, String> env, String url) {
        Proxy p = ProxyRoutes.fromEnvironment(env).proxyFor(URI.create(url));
        if (p == Proxy.NO_PROXY) return "direct";
        InetSocketAddress a = (InetSocketAddress) p.address();
        return a.getHostString() + ":" + a.getPort();
    }

    @Test
    void httpsUrlsUseHttpsProxyAndHttpUrlsHttpProxy() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://secure.corp:3128", "HTTP_PROXY", "plain.corp:8080");
        assertThat(via(env, "https://sts.eu-west-1.amazonaws.com/")).isEqualTo("secure.corp:3128");
        assertThat(via(env, "http://sts.eu-west-1.amazonaws.com/")).isEqualTo("plain.corp:8080");
        assertThat(via(Map.of("HTTP_PROXY", "http://plain.corp:8080"), "https://sts.amazonaws.com/")).isEqualTo("direct");
        assertThat(via(Map.of(), "https://sts.amazonaws.com/")).isEqualTo("direct");
    }

    @Test
    void lowerCaseNamesWinOverUpperCase() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://upper:1", "https_proxy", "http://lower:2",
                "NO_PROXY", "amazonaws.com", "no_proxy", "example.com");
        assertThat(via(env, "https://sts.amazonaws.com/")).isEqualTo("lower:2");
        assertThat(via(env, "https://api.example.com/")).isEqualTo("direct");
    }

    @Test
    void noProxyTakesSuffixesWildcardIpsAndRanges() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://p:1",
                "NO_PROXY", " .internal.corp, amazonaws.com.cn:443 , 10.0.0.0/8,192.168.1.7, fd00:1::/32");
        assertThat(via(env, "https://sts.internal.corp/")).isEqualTo("direct");
        assertThat(via(env, "https://internal.corp/")).isEqualTo("direct");
        assertThat(via(env, "https://notinternal.corp/")).isEqualTo("p:1");
        assertThat(via(env, "https://sts.cn-north-1.amazonaws.com.cn/")).isEqualTo("direct");
        assertThat(via(env, "https://10.20.30.40/")).isEqualTo("direct");
        assertThat(via(env, "https://11.0.0.1/")).isEqualTo("p:1");
        assertThat(via(env, "https://192.168.1.7:8443/")).isEqualTo("direct");
        assertThat(via(env, "https://192.168.1.8/")).isEqualTo("p:1");
        assertThat(via(env, "https://[fd00:1:2::5]/")).isEqualTo("direct");
        assertThat(via(env, "https://sts.amazonaws.com/")).isEqualTo("p:1");
        assertThat(via(Map.of("HTTPS_PROXY", "http://p:1", "NO_PROXY", "*"), "https://sts.amazonaws.com/")).isEqualTo("direct");
    }

    @Test
    void loopbackAndLinkLocalAreNeverProxied() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://p:1", "HTTP_PROXY", "http://p:1");
        assertThat(via(env, "http://127.0.0.1:5000/")).isEqualTo("direct");
        assertThat(via(env, "http://localhost:5000/")).isEqualTo("direct");
        assertThat(via(env, "http://[::1]:5000/")).isEqualTo("direct");
        assertThat(via(env, "http://169.254.169.254/latest/")).isEqualTo("direct");
        assertThat(via(env, "http://169.254.170.2/creds")).isEqualTo("direct");
        assertThat(via(env, "http://[fd00:ec2::254]/latest/")).isEqualTo("direct");
        assertThat(via(env, "http://192.0.2.2/")).isEqualTo("p:1");
    }

    @Test
    void aProxyWithAPasswordOrOverTlsIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> ProxyRoutes.fromEnvironment(Map.of("HTTPS_PROXY", "http://me:s3cret@p:1")))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("HTTPS_PROXY").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> ProxyRoutes.fromEnvironment(Map.of("HTTPS_PROXY", "https://p:1")))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("not an http:// proxy");
    }

    @Test
    void theDescriptionNamesTheVariables() {
        assertThat(ProxyRoutes.fromEnvironment(Map.of("HTTPS_PROXY", "http://p:1", "no_proxy", ".corp")).describe())
                .isEqualTo("https via http://p:1 (HTTPS_PROXY); not for .corp (no_proxy)");
    }
}
