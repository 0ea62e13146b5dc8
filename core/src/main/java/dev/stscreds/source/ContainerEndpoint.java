package dev.stscreds.source;

import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the container credentials are (SPEC §5): {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}
 * on the ECS agent's address, else {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} — which over plain
 * http may only point at this machine or the ECS/EKS agents, because the request carries a token
 * and the answer is credentials. The check runs before any connection is made.
 */
final class ContainerEndpoint {
    static final String ECS_AGENT = "http://169.254.170.2";
    static final String ALLOWED_HTTP_HOSTS = "loopback addresses, 169.254.170.2, 169.254.170.23, fd00:ec2::23";

    private static final List<InetAddress> AGENT_ADDRESSES =
            List.of(literal("169.254.170.2"), literal("169.254.170.23"), literal("fd00:ec2::23"));

    /** Resolves a host name to all its addresses (injectable so tests need no name service). */
    @FunctionalInterface
    interface AddressResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;

        AddressResolver SYSTEM = InetAddress::getAllByName;
    }

    private ContainerEndpoint() {}

    /**
     * The credentials URL the settings point at.
     *
     * @throws CredentialsNotConfiguredException when neither variable is set
     * @throws CredentialsException when the URL is malformed or not allowed
     */
    static URI from(Settings settings, AddressResolver resolver) {
        Optional<String> relative = settings.get(Setting.CONTAINER_CREDENTIALS_RELATIVE_URI);
        if (relative.isPresent()) return relative(relative.get());
        Optional<String> full = settings.get(Setting.CONTAINER_CREDENTIALS_FULL_URI);
        if (full.isPresent()) return full(full.get(), resolver);
        throw new CredentialsNotConfiguredException("neither " + Setting.CONTAINER_CREDENTIALS_RELATIVE_URI.displayName()
                + " nor " + Setting.CONTAINER_CREDENTIALS_FULL_URI.displayName() + " is set");
    }

    static URI relative(String path) {
        String name = Setting.CONTAINER_CREDENTIALS_RELATIVE_URI.displayName();
        if (!path.startsWith("/")) {
            throw new CredentialsException(name + " must be a path starting with /, not \"" + path + "\"",
                    "set it to the path the ECS agent gives, e.g. /v2/credentials/<id>");
        }
        return parse(ECS_AGENT + path, name);
    }

    static URI full(String text, AddressResolver resolver) {
        String name = Setting.CONTAINER_CREDENTIALS_FULL_URI.displayName();
        URI uri = parse(text, name);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) return uri;
        if (!scheme.equals("http")) {
            throw new CredentialsException(name + " " + text + " must be an http or https URL", null);
        }
        String host = uri.getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        List<String> refused = new ArrayList<>();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new CredentialsException(name + " " + text + ": cannot resolve host " + host
                    + " to check that it is allowed over http", "use https, or one of: " + ALLOWED_HTTP_HOSTS);
        }
        for (InetAddress a : addresses) {
            if (!isAllowedOverHttp(a)) refused.add(a.getHostAddress());
        }
        if (addresses.length == 0 || !refused.isEmpty()) {
            throw new CredentialsException(name + " " + text + " is not allowed over http: host " + host
                    + " is " + (refused.isEmpty() ? "not resolvable" : String.join(", ", refused))
                    + ", and plain http is only allowed to " + ALLOWED_HTTP_HOSTS,
                    "use an https URL, or point it at a loopback address or the ECS/EKS agent");
        }
        return uri;
    }

    static boolean isAllowedOverHttp(InetAddress a) {
        return a.isLoopbackAddress() || AGENT_ADDRESSES.contains(a);
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip); // a literal: no name service is asked
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI parse(String text, String name) {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null) {
                throw new CredentialsException(name + " " + text + " has no host", "expected a URL such as http://127.0.0.1:8080/creds");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CredentialsException(name + " is not a valid URL: " + e.getMessage(),
                    "expected a URL such as http://127.0.0.1:8080/creds");
        }
    }
}
