package dev.stscreds.wire;

import dev.stscreds.CredentialsException;
import java.net.URI;

/** Checks an endpoint URL a user configured, with an error that names where it came from. */
public final class EndpointUrls {
    private EndpointUrls() {}

    /**
     * @param service what the endpoint is for, e.g. {@code STS}
     * @param origin  where the URL was set, e.g. {@code AWS_ENDPOINT_URL_STS}
     * @return the URL, with path {@code /} when it had none
     */
    public static URI parse(String url, String service, String origin) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new CredentialsException("the " + service + " endpoint from " + origin + " is not a URL: " + url,
                    "give a URL such as http://127.0.0.1:5000");
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new CredentialsException("the " + service + " endpoint from " + origin + " is not an http(s) URL: " + url,
                    "give a URL such as https://" + service.toLowerCase(java.util.Locale.ROOT) + ".amazonaws.com");
        }
        if (uri.getPath() == null || uri.getPath().isEmpty()) uri = uri.resolve("/");
        return uri;
    }
}
