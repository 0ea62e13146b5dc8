package dev.stscreds.bench;

import com.sun.net.httpserver.HttpServer;
import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.refresh.RefreshingCredentialsProvider;
import dev.stscreds.serve.CredentialServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The endpoints {@code bench/serve-load} drives with wrk, in one JVM: the credential server as
 * {@code stscreds serve} runs it (a session behind the refresh decorator), the same server with a
 * constant session (the trivial static endpoint on the same HTTP stack), and the JDK's own
 * HttpServer answering a constant document of the same size. Prints one line per endpoint:
 * {@code NAME URL AUTHORIZATION}, then serves until killed.
 */
public final class ServeLoadTargets {
    private ServeLoadTargets() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        CredentialsProvider upstream = () -> session(clock);
        CredentialsProvider refreshing = RefreshingCredentialsProvider.builder(upstream).clock(clock).build();
        Credentials constant = session(clock);
        CredentialServer served = CredentialServer.builder(refreshing).requireSessionFirst().start();
        CredentialServer staticOnSameStack = CredentialServer.builder(() -> constant).start();

        byte[] document = ("{\"AccessKeyId\":\"" + constant.accessKeyId() + "\",\"SecretAccessKey\":\"" + constant.secretAccessKey()
                + "\",\"Token\":\"" + constant.sessionToken().orElseThrow() + "\",\"Expiration\":\"2030-01-01T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer jdk = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
        jdk.createContext("/credentials", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, document.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(document);
            }
        });
        jdk.setExecutor(Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors() * 2));
        jdk.start();

        System.out.println("stscreds-serve " + served.credentialsUri() + " " + served.authorizationToken().orElseThrow());
        System.out.println("static-same-stack " + staticOnSameStack.credentialsUri() + " " + staticOnSameStack.authorizationToken().orElseThrow());
        System.out.println("static-jdk-httpserver http://127.0.0.1:" + jdk.getAddress().getPort() + "/credentials none");
        System.out.flush();
        Thread.currentThread().join();
    }

    private static Credentials session(Clock clock) {
        return Credentials.builder().accessKeyId("ASIABENCHMARKSESSION").secretAccessKey("benchmark-secret-access-key-0000000000000")
                .sessionToken("benchmark-session-token-".repeat(12)).expiration(clock.instant().plus(Duration.ofHours(1)))
                .source("benchmark").build();
    }
}
