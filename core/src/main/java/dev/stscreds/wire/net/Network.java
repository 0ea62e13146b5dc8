package dev.stscreds.wire.net;

import dev.stscreds.config.Settings;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * How AWS calls reach the network: the proxies of the environment and the CA bundle of
 * {@code AWS_CA_BUNDLE} (which wins) or the profile's {@code ca_bundle}.
 */
public final class Network {
    /** The JDK's own behaviour: its proxy properties, its trust store. */
    public static final Network JDK_DEFAULT = new Network(null, Optional.empty(), Optional.empty());

    private final ProxyRoutes proxies;
    private final Optional<SSLContext> tls;
    private final Optional<String> caBundle;

    private Network(ProxyRoutes proxies, Optional<SSLContext> tls, Optional<String> caBundle) {
        this.proxies = proxies;
        this.tls = tls;
        this.caBundle = caBundle;
    }

    /** Only the environment: proxies and {@code AWS_CA_BUNDLE}. */
    public static Network fromEnvironment(Settings settings) {
        return of(settings, Optional.empty(), "");
    }

    /**
     * @param profileCaBundle the profile's {@code ca_bundle}, if any
     * @param profileName     names the profile in messages
     */
    public static Network of(Settings settings, Optional<String> profileCaBundle, String profileName) {
        ProxyRoutes proxies = ProxyRoutes.fromEnvironment(settings.environment());
        Optional<String> env = settings.environmentVariable("AWS_CA_BUNDLE");
        Optional<String> path = env.or(() -> profileCaBundle.map(String::trim).filter(v -> !v.isEmpty()));
        String origin = env.isPresent() ? "AWS_CA_BUNDLE" : "ca_bundle in profile " + profileName;
        Optional<SSLContext> tls = path.map(p -> TrustStores.withBundle(settings.expandHome(p), origin));
        return new Network(proxies, tls, path.map(p -> p + " (" + origin + ")"));
    }

    /** The proxy for this URL; null means "the JDK's default choice". */
    public Proxy proxyFor(URI url) {
        return proxies == null ? null : proxies.proxyFor(url);
    }

    /** The socket factory that also trusts the CA bundle, if one is set. */
    public Optional<SSLSocketFactory> tls() {
        return tls.map(SSLContext::getSocketFactory);
    }

    /** The TLS context that also trusts the CA bundle, if one is set. */
    public Optional<SSLContext> tlsContext() {
        return tls;
    }

    /** The same choice of proxies for {@code java.net.http.HttpClient}. */
    public ProxySelector proxySelector() {
        if (proxies == null) return ProxySelector.getDefault();
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxies.proxyFor(uri));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // nothing to remember: every request chooses again
            }
        };
    }

    /** One line per setting in effect, for {@code explain}; empty when none is. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (proxies != null && proxies.isSet()) lines.add("proxy: " + proxies.describe());
        caBundle.ifPresent(b -> lines.add("CA bundle: " + b + ", trusted besides the JDK's authorities"));
        return lines;
    }
}
