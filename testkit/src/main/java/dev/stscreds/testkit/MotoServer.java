package dev.stscreds.testkit;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real peer for interop tests: moto's server on a free loopback port, started with
 * {@code INITIAL_NO_AUTH_ACTION_COUNT=0} so that it checks SigV4 signatures, session tokens and
 * IAM policies. {@link #withoutAuth(Runnable)} lets a test create users and roles first.
 */
public final class MotoServer implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The {@code moto_server} executable: on PATH, else in the pyenv shims. */
    public static Optional<Path> executable() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(Path.of(dir, "moto_server"));
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "moto_server"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Starts moto and waits (at most 30 s) until it answers. */
    public static MotoServer start(Path executable) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("INITIAL_NO_AUTH_ACTION_COUNT", "0");
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        Process process = pb.start();
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port + "/"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!server.answers()) {
            if (!process.isAlive()) throw new IOException("moto_server exited with status " + process.exitValue());
            if (System.nanoTime() > deadline) {
                server.close();
                throw new IOException("moto_server did not answer on port " + port + " within 30 s");
            }
            Thread.sleep(100); // waiting for a child process to listen: there is no event to wait on
        }
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Runs {@code setup} with authentication off (to create users and roles), then turns it back on. */
    public void withoutAuth(Runnable setup) {
        resetAuth("inf");
        try {
            setup.run();
        } finally {
            resetAuth("0");
        }
    }

    private void resetAuth(String count) {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/reset-auth").toURL().openConnection(java.net.Proxy.NO_PROXY);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "text/plain");
            c.getOutputStream().write(count.getBytes(StandardCharsets.UTF_8));
            if (c.getResponseCode() != 200) throw new IllegalStateException("moto reset-auth answered " + c.getResponseCode());
            c.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("could not reach moto at " + endpoint, e);
        }
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection(java.net.Proxy.NO_PROXY);
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
