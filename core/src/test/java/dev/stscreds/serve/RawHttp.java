package dev.stscreds.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Requests typed byte for byte, for what an HTTP client library would never send. */
final class RawHttp {
    record Answer(int status, String text) {}

    private RawHttp() {}

    static Answer send(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(s.getInputStream());
        }
    }

    /** Sends {@code request} one byte at a time with {@code pause} between bytes, reading the answer once it comes. */
    static Answer drip(int port, String request, Duration pause) throws IOException, InterruptedException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                for (byte b : request.getBytes(StandardCharsets.ISO_8859_1)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(pause.toMillis());
                }
            } catch (IOException e) {
                // the server cut us off: its answer is what matters
            }
            return read(s.getInputStream());
        }
    }

    /** Reads until the server closes the connection. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ")) return new Answer(-1, text);
        return new Answer(Integer.parseInt(text.substring(9, 12)), text);
    }
}
