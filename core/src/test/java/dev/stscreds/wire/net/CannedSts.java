package dev.stscreds.wire.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * An STS stand-in over http or https on one address that answers AssumeRole and
 * GetCallerIdentity with fixed documents, and records the {@code Via} header of each request
 * (a forward proxy adds one).
 */
final class CannedSts implements AutoCloseable {
    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    final List<String> vias = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final String scheme;

    private CannedSts(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", this::answer);
        server.start();
    }

    static CannedSts http(String address) throws IOException {
        return new CannedSts(HttpServer.create(new InetSocketAddress(address, 0), 0), "http");
    }

    static CannedSts https(String address, SSLContext tls) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(address, 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new CannedSts(s, "https");
    }

    URI endpoint() {
        String host = server.getAddress().getAddress().getHostAddress();
        return URI.create(scheme + "://" + host + ":" + server.getAddress().getPort() + "/");
    }

    int calls() {
        return vias.size();
    }

    private void answer(HttpExchange x) throws IOException {
        String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        vias.add(String.valueOf(x.getRequestHeaders().getFirst("Via")));
        String body;
        if (form.contains("Action=AssumeRole")) {
            body = "<AssumeRoleResponse xmlns=\"" + NAMESPACE + "\"><AssumeRoleResult><Credentials>"
                    + "<AccessKeyId>ASIACANNEDEXAMPLE</AccessKeyId><SecretAccessKey>canned-secret</SecretAccessKey>"
                    + "<SessionToken>canned-token</SessionToken><Expiration>" + Instant.now().plusSeconds(3600)
                    + "</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn>"
                    + "<AssumedRoleId>AROACANNED:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>"
                    + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AssumeRoleResponse>";
        } else {
            body = "<GetCallerIdentityResponse xmlns=\"" + NAMESPACE + "\"><GetCallerIdentityResult>"
                    + "<Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDACANNED</UserId><Account>123456789012</Account>"
                    + "</GetCallerIdentityResult><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata>"
                    + "</GetCallerIdentityResponse>";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/xml");
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
