package dev.stscreds.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Opens a URL as a user's browser would once the user has clicked "Allow": follows redirects (a sign-in
 * page sends the browser back to the client's loopback redirect) and returns the last page. For tests
 * that play the user of a browser sign-in.
 */
public final class BrowserVisit {
    private static final int MAX_REDIRECTS = 5;

    private BrowserVisit() {}

    /** The final page's status and body after following up to five redirects. */
    public record Page(URI url, int status, String body) {}

    public static Page follow(URI url) {
        URI current = url;
        for (int i = 0; i <= MAX_REDIRECTS; i++) {
            try {
                HttpURLConnection c = (HttpURLConnection) current.toURL().openConnection(Proxy.NO_PROXY);
                c.setInstanceFollowRedirects(false);
                c.setConnectTimeout(5_000);
                c.setReadTimeout(10_000);
                int status = c.getResponseCode();
                String location = c.getHeaderField("Location");
                InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                c.disconnect();
                if (status / 100 == 3 && location != null) {
                    current = current.resolve(location);
                    continue;
                }
                return new Page(current, status, body);
            } catch (IOException e) {
                throw new UncheckedIOException("a browser could not open " + current.getScheme() + "://" + current.getAuthority()
                        + current.getPath(), e);
            }
        }
        throw new IllegalStateException("more than " + MAX_REDIRECTS + " redirects from " + url.getPath());
    }
}
