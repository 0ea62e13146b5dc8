package dev.stscreds.wire;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.endpoints.EndpointOptions;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The endpoint URL a user configured for one AWS service, in the SDKs' order (SPEC §1):
 * {@code AWS_ENDPOINT_URL_<SERVICE>}, the profile's {@code [services]} section, AWS_ENDPOINT_URL,
 * the profile's {@code endpoint_url}. Each service's client adds its own default after these.
 */
public final class ServiceEndpoints {
    /** An endpoint URL and the setting it came from, e.g. {@code AWS_ENDPOINT_URL_SSO}. */
    public record Configured(URI uri, String origin) {}

    private ServiceEndpoints() {}

    /** {@code AWS_ENDPOINT_URL_} + the service id upper-cased with spaces as underscores: {@code SSO OIDC} → {@code AWS_ENDPOINT_URL_SSO_OIDC}. */
    public static String environmentVariable(String serviceId) {
        return "AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    /** The key of a {@code [services]} section: the service id lower-cased with spaces as underscores ({@code sso_oidc}). */
    public static String servicesKey(String serviceId) {
        return serviceId.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    /**
     * @param serviceId          the AWS service id, e.g. {@code STS}, {@code SSO}, {@code SSO OIDC}
     * @param servicesSectionUrl the {@code endpoint_url} under the service's key in the profile's {@code [services]} section
     * @param profileEndpointUrl the profile's {@code endpoint_url}
     */
    public static Optional<Configured> configured(Settings settings, String serviceId, Optional<String> servicesSectionUrl,
                                                  Optional<String> profileEndpointUrl) {
        return configured(settings, EndpointOptions.fromEnvironment(settings), serviceId, servicesSectionUrl, profileEndpointUrl);
    }

    /**
     * The same, or nothing when {@code ignore_configured_endpoint_urls} (or AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)
     * is true: then only an explicit {@code --endpoint-url} overrides the service's own endpoint.
     */
    public static Optional<Configured> configured(Settings settings, EndpointOptions options, String serviceId,
                                                  Optional<String> servicesSectionUrl, Optional<String> profileEndpointUrl) {
        if (options.ignoreConfiguredEndpointUrls()) return Optional.empty();
        String variable = environmentVariable(serviceId);
        Optional<String> specific = settings.environmentVariable(variable);
        if (specific.isPresent()) return Optional.of(parsed(specific.get(), serviceId, variable));
        if (servicesSectionUrl.isPresent()) {
            return Optional.of(parsed(servicesSectionUrl.get(), serviceId, "services section (" + servicesKey(serviceId) + ")"));
        }
        Optional<String> any = settings.get(Setting.ENDPOINT_URL);
        if (any.isPresent()) return Optional.of(parsed(any.get(), serviceId, "AWS_ENDPOINT_URL"));
        return profileEndpointUrl.map(url -> parsed(url, serviceId, "profile endpoint_url"));
    }

    /** A user-given endpoint URL, checked: http(s), a host, a path of at least {@code /}. */
    public static Configured parsed(String url, String serviceId, String origin) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new CredentialsException("the " + serviceId + " endpoint from " + origin + " is not a URL: " + url,
                    "give a URL such as http://127.0.0.1:5000");
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new CredentialsException("the " + serviceId + " endpoint from " + origin + " is not an http(s) URL: " + url,
                    "give a URL such as https://" + servicesKey(serviceId).replace('_', '.') + ".eu-west-1.amazonaws.com");
        }
        if (uri.getPath() == null || uri.getPath().isEmpty()) uri = uri.resolve("/");
        return new Configured(uri, origin);
    }
}
