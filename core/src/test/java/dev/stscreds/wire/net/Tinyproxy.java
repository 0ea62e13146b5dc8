package dev.stscreds.wire.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's tinyproxy, run in the foreground on loopback for one test: a real forward proxy (GET and CONNECT). */
final class Tinyproxy implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/tinyproxy");
    private final Process process;
    private final Path log;
    final int port;

    private Tinyproxy(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    static Tinyproxy start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("tinyproxy.log");
        Path conf = Files.writeString(dir.resolve("tinyproxy.conf"), "Port " + port + "\nListen 127.0.0.1\nTimeout 30\n"
                + "MaxClients 20\nAllow 127.0.0.1\nLogFile \"" + log + "\"\nLogLevel Info\n");
        Process p = new ProcessBuilder(BINARY.toString(), "-d", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("tinyproxy.out").toFile()).start();
        Tinyproxy proxy = new Tinyproxy(p, log, port);
        // Wait until it listens (it starts in milliseconds; the bound is for a loaded machine).
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return proxy;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > giveUp) {
                    proxy.close();
                    throw new IOException("tinyproxy did not start: " + Files.readString(dir.resolve("tinyproxy.out")));
                }
                Thread.sleep(20);
            }
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
