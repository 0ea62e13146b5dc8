package dev.stscreds.wire.http;

import dev.stscreds.Credentials;
import dev.stscreds.wire.sigv4.HttpHeader;
import dev.stscreds.wire.sigv4.SigV4Signer;
import dev.stscreds.wire.sigv4.SignableRequest;
import dev.stscreds.wire.sigv4.SignedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A request typed on a command line (method, URL, {@code Name: value} header lines, body), brought
 * to the one form that is both signed and sent, so the server rebuilds the same canonical request:
 * <ul>
 *   <li>the URL in ASCII form (non-ASCII characters as UTF-8 {@code %XY}), no fragment, path
 *       {@code /} when empty; characters a URL cannot hold (a space, {@code "<>[]{}|\^`}, a
 *       {@code %} that starts no escape) encoded, as curl does; the host name in lower case;
 *   <li>a {@code +} in the query sent as {@code %2B}: it means a plus (RFC 3986, and what S3
 *       reads), never a space; write {@code %20} for a space;
 *   <li>header values with line breaks unfolded (each CR or LF becomes a space): HTTP cannot carry
 *       them, and SigV4 collapses whitespace runs anyway, so the signature is the same.
 * </ul>
 * Headers the HTTP client sets itself ({@code Host}, {@code Content-Length} and the hop-by-hop
 * ones) are refused.
 */
public final class CommandLineRequest {
    private static final Set<String> SET_BY_THE_CLIENT = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final String method;
    private final URI uri;
    private final List<HttpHeader> headers;
    private final RequestBody body;

    private CommandLineRequest(String method, URI uri, List<HttpHeader> headers, RequestBody body) {
        this.method = method;
        this.uri = uri;
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    /**
     * @param headerLines {@code Name: value}, or {@code Name;} for an empty value (as curl reads them)
     * @throws IllegalArgumentException naming the URL or header line that cannot be used
     */
    public static CommandLineRequest of(String method, String url, List<String> headerLines, RequestBody body) {
        Objects.requireNonNull(body, "body");
        String m = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        if (m.isEmpty() || !m.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("\"" + method + "\" is not an HTTP method");
        }
        List<HttpHeader> headers = new ArrayList<>();
        for (String line : headerLines) headers.add(header(line));
        return new CommandLineRequest(m, uri(url), headers, body);
    }

    public String method() {
        return method;
    }

    /** The URL as it is signed and sent. */
    public URI uri() {
        return uri;
    }

    public List<HttpHeader> headers() {
        return headers;
    }

    public RequestBody body() {
        return body;
    }

    /** True when a header of this name (any case) was given. */
    public boolean hasHeader(String name) {
        return headers.stream().anyMatch(h -> h.is(name));
    }

    /** Signs the request; a file body is hashed by streaming it. */
    public SignedRequest sign(SigV4Signer signer, Credentials credentials, Instant now) throws IOException {
        SignableRequest.Builder b = SignableRequest.builder(method, uri).payloadSha256Hex(body.sha256Hex());
        for (HttpHeader h : headers) b.header(h.name(), h.value());
        return signer.sign(b.build(), credentials, now);
    }

    /** The signed request's headers as {@code Name: value} lines, secrets included: for showing a signature, not for logs. */
    public static List<String> headerLines(SignedRequest signed) {
        List<String> lines = new ArrayList<>();
        for (HttpHeader h : signed.headers()) lines.add(h.name() + ": " + h.value());
        return lines;
    }

    static URI uri(String url) {
        URI given;
        try {
            given = new URI(escapeStrayCharacters(Objects.requireNonNull(url, "url")));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + url + "\" is not a URL: " + e.getReason()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "") + " (write a space as %20)");
        }
        String scheme = given.getScheme() == null ? "" : given.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("\"" + url + "\" is not an http or https URL");
        }
        if (given.getHost() == null) {
            throw new IllegalArgumentException("\"" + url + "\" has no host name");
        }
        if (given.getRawUserInfo() != null) {
            throw new IllegalArgumentException("\"" + given.getHost() + "\": user:password@ has no place in a SigV4-signed URL");
        }
        URI ascii = URI.create(given.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String query = ascii.getRawQuery() == null ? "" : "?" + ascii.getRawQuery().replace("+", "%2B");
        // host names are case-blind; lower case is what botocore signs and what proxies pass on
        String authority = ascii.getHost().toLowerCase(Locale.ROOT) + (ascii.getPort() == -1 ? "" : ":" + ascii.getPort());
        return URI.create(scheme + "://" + authority + path + query);
    }

    private static final String STRAY = " \"<>[]{}|\\^`";

    /** Encodes, after the host, the characters java.net.URI refuses but curl sends encoded. */
    static String escapeStrayCharacters(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) return url;
        int start = scheme + 3;
        while (start < url.length() && "/?#".indexOf(url.charAt(start)) < 0) start++;
        StringBuilder out = new StringBuilder(url.length() + 16).append(url, 0, start);
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '%' && !(isHex(url, i + 1) && isHex(url, i + 2))) {
                out.append("%25");
            } else if (STRAY.indexOf(c) >= 0) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80;
    }

    static HttpHeader header(String line) {
        int colon = line.indexOf(':');
        String name;
        String value;
        if (colon < 0 && line.endsWith(";")) {
            name = line.substring(0, line.length() - 1).trim();
            value = "";
        } else if (colon > 0) {
            name = line.substring(0, colon).trim();
            value = line.substring(colon + 1).stripLeading(); // as curl: blanks after the colon go, the rest stays
        } else {
            throw new IllegalArgumentException("header \"" + line + "\" is not \"Name: value\" (or \"Name;\" for an empty value)");
        }
        if (SET_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header " + name + " is set by the HTTP client from the URL and body; leave it out");
        }
        return new HttpHeader(name, value.replace('\r', ' ').replace('\n', ' '));
    }
}
