package dev.stscreds.wire.net;

import dev.stscreds.CredentialsException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which proxy a request goes through, from the environment as the AWS CLI reads it:
 * {@code HTTPS_PROXY} for https URLs, {@code HTTP_PROXY} for http ones (the lower-case names win
 * over the upper-case ones), none for hosts {@link NoProxyList NO_PROXY} exempts, and never for
 * loopback, link-local and unique-local addresses (instance metadata, containers, local tests).
 *
 * <p>Proxies are plain-HTTP forward proxies ({@code http://host:port}, or {@code host:port});
 * https targets are tunnelled through them with CONNECT.
 */
public final class ProxyRoutes {
    /** No proxy at all: every request goes direct. */
    public static final ProxyRoutes DIRECT = new ProxyRoutes(null, null, new NoProxyList(""), "");

    private final Proxy https;
    private final Proxy http;
    private final NoProxyList noProxy;
    private final String description;

    private ProxyRoutes(Proxy https, Proxy http, NoProxyList noProxy, String description) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
        this.description = description;
    }

    /**
     * @param environment the process's environment variables
     * @throws CredentialsException when a proxy variable is not a usable proxy URL (naming the variable)
     */
    public static ProxyRoutes fromEnvironment(Map<String, String> environment) {
        Optional<Named> https = variable(environment, "https_proxy");
        Optional<Named> http = variable(environment, "http_proxy");
        Optional<Named> no = variable(environment, "no_proxy");
        if (https.isEmpty() && http.isEmpty()) return DIRECT;
        StringBuilder d = new StringBuilder();
        https.ifPresent(v -> d.append("https via ").append(displayed(v.value())).append(" (").append(v.name()).append(")"));
        http.ifPresent(v -> d.append(d.length() > 0 ? "; " : "").append("http via ").append(displayed(v.value()))
                .append(" (").append(v.name()).append(")"));
        no.ifPresent(v -> d.append("; not for ").append(v.value()).append(" (").append(v.name()).append(")"));
        return new ProxyRoutes(https.map(ProxyRoutes::proxy).orElse(null), http.map(ProxyRoutes::proxy).orElse(null),
                new NoProxyList(no.map(Named::value).orElse("")), d.toString());
    }

    /** The proxy for a request to this URL, or {@link Proxy#NO_PROXY}. */
    public Proxy proxyFor(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        Proxy p = scheme.equals("https") ? https : scheme.equals("http") ? http : null;
        String host = url.getHost();
        if (p == null || host == null || alwaysDirect(host) || noProxy.exempts(host)) return Proxy.NO_PROXY;
        return p;
    }

    /** Whether any proxy is set. */
    public boolean isSet() {
        return https != null || http != null;
    }

    /** E.g. {@code https via http://proxy.corp:3128 (HTTPS_PROXY); not for .internal (NO_PROXY)}; never a password. */
    public String describe() {
        return description;
    }

    /** Loopback, link-local and unique-local literals, and {@code localhost}. */
    public static boolean alwaysDirect(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost") || h.toLowerCase(Locale.ROOT).endsWith(".localhost")) return true;
        byte[] b = NoProxyList.literal(h.toLowerCase(Locale.ROOT));
        if (b == null) return false;
        try {
            InetAddress a = InetAddress.getByAddress(b);
            boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
            return a.isLoopbackAddress() || a.isLinkLocalAddress() || uniqueLocal;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private record Named(String name, String value) {}

    /** The lower-case variable wins over the upper-case one, as in Python's urllib (which botocore uses). */
    private static Optional<Named> variable(Map<String, String> env, String lower) {
        String upper = lower.toUpperCase(Locale.ROOT);
        String v = env.get(lower);
        if (v != null && !v.isBlank()) return Optional.of(new Named(lower, v.trim()));
        v = env.get(upper);
        if (v != null && !v.isBlank()) return Optional.of(new Named(upper, v.trim()));
        return Optional.empty();
    }

    private static Proxy proxy(Named variable) {
        String value = variable.value().contains("://") ? variable.value() : "http://" + variable.value();
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new CredentialsException(variable.name() + " is not a proxy URL: " + displayed(variable.value()),
                    "set it to http://HOST:PORT");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new CredentialsException(variable.name() + " is not an http:// proxy URL: " + displayed(variable.value()),
                    "set it to http://HOST:PORT (proxies reached over TLS are not supported)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new CredentialsException(variable.name() + " names a proxy user, which stscreds cannot send: "
                    + displayed(variable.value()), "use a proxy that needs no password, or exempt AWS hosts with NO_PROXY");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port));
    }

    /** The proxy URL without any user or password. */
    private static String displayed(String value) {
        int at = value.lastIndexOf('@');
        if (at < 0) return value;
        int scheme = value.indexOf("://");
        return (scheme >= 0 ? value.substring(0, scheme + 3) : "") + "****@" + value.substring(at + 1);
    }
}
