package dev.stscreds.wire.http;

import dev.stscreds.CredentialsException;
import dev.stscreds.wire.sigv4.HttpHeader;
import dev.stscreds.wire.sigv4.SignedRequest;
import dev.stscreds.wire.net.Network;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends a signed request with the JDK's HTTP client and hands back the answer with its body as a
 * stream, so a large answer is copied through, never held. HTTP/1.1, no redirects followed; proxies
 * and CA bundle as {@link Network} says (none of the environment's with the two-argument constructor). The client sets {@code Host} from the URL, with the same value that was signed.
 */
public final class SignedHttpClient {
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param connectTimeout the longest wait for the connection
     * @param timeout        the longest the whole exchange may take, from sending until the answer's last byte
     */
    public SignedHttpClient(Duration connectTimeout, Duration timeout) {
        this(connectTimeout, timeout, Network.JDK_DEFAULT);
    }

    /** The same, through the proxies and with the CA bundle of {@code network}. */
    public SignedHttpClient(Duration connectTimeout, Duration timeout, Network network) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .proxy(network.proxySelector());
        network.tlsContext().ifPresent(b::sslContext);
        this.client = b.build();
        this.timeout = timeout;
    }

    /** An answer of any status. Close it (or read its body to the end) to free the connection. */
    public record Response(int status, String version, List<HttpHeader> headers, InputStream body) implements AutoCloseable {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * Sends {@code signed} with {@code body} (which must be the body it was signed with).
     *
     * @throws CredentialsException when no answer arrived; the message names the method and URL
     */
    public Response send(SignedRequest signed, RequestBody body) throws IOException, InterruptedException {
        String where = signed.method() + " " + signed.uri();
        long started = System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.uri())
                .timeout(timeout)
                .method(signed.method(), body.publisher());
        for (HttpHeader h : signed.headers()) {
            if (!h.is("host")) request.header(h.name(), h.value());
        }
        HttpResponse<InputStream> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new CredentialsException(where + ": could not connect in time", "check the URL and the network", e);
        } catch (HttpTimeoutException e) {
            throw new CredentialsException(where + ": no answer within " + timeout.toSeconds() + " s",
                    "a slow service may need a longer --max-time");
        } catch (ConnectException e) {
            throw new CredentialsException(where + ": could not connect (" + e + ")", "check the URL and the network", e);
        }
        List<HttpHeader> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : answer.headers().map().entrySet()) {
            if (e.getKey().startsWith(":")) continue; // HTTP/2 pseudo-headers
            for (String v : e.getValue()) headers.add(new HttpHeader(e.getKey(), v));
        }
        String version = answer.version() == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1";
        long left = timeout.toNanos() - (System.nanoTime() - started);
        return new Response(answer.statusCode(), version, headers,
                new DeadlineInputStream(answer.body(), left, where, timeout.toSeconds()));
    }
}
