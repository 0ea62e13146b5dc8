package dev.stscreds.serve;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Reads HTTP/1.x requests from one connection, bounded in size and time: the request line and
 * headers must fit in {@code maxHeadBytes} and arrive, with any body, within the request timeout
 * of their first byte. A client that drips its request, or sends too much, is answered and cut off
 * instead of holding a worker for ever.
 */
final class RequestReader {
    /** A request that gets this answer and then the connection closed. */
    static final class Refused extends Exception {
        final ServerResponse response;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.response = ServerResponse.error(status, status == 408 ? "RequestTimeout" : "BadRequest", message);
        }
    }

    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    /** RFC 9110's token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /**
     * Headers a request may carry once: two of them leave it open which one a check saw and which one
     * another hop would use (request smuggling, a token checked in one copy and logged from another).
     */
    private static final Map<String, String> SINGLE_HEADERS = Map.of(
            "host", "Host", "content-length", "Content-Length", "authorization", "Authorization",
            "transfer-encoding", "Transfer-Encoding",
            "x-aws-ec2-metadata-token", "X-aws-ec2-metadata-token",
            "x-aws-ec2-metadata-token-ttl-seconds", "X-aws-ec2-metadata-token-ttl-seconds");

    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer;
    private final long maxBodyBytes;
    private int start;
    private int end;
    private boolean timedOut;

    RequestReader(Socket socket, int maxHeadBytes, long maxBodyBytes) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.buffer = new byte[maxHeadBytes];
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * The next request; empty when the client closed the connection, or sent nothing for
     * {@code idleMillis}, before a new request began ({@link #timedOut()} then says which).
     * The first request of a connection must arrive whole within {@code requestMillis} of this
     * call; later ones within {@code requestMillis} of their first byte.
     *
     * @throws Refused     for a request to answer with an error (then close)
     * @throws EOFException when the client went away in the middle of a request
     */
    Optional<ServerRequest> next(long idleMillis, long requestMillis, boolean first) throws IOException, Refused {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(requestMillis);
        timedOut = false;
        if (start == end) {
            start = 0;
            end = 0;
            try {
                socket.setSoTimeout((int) Math.max(1, first ? requestMillis : idleMillis));
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) return Optional.empty();
                end = n;
            } catch (SocketTimeoutException e) {
                timedOut = true;
                return Optional.empty();
            }
            if (!first) deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(requestMillis);
        }
        int headEnd;
        while ((headEnd = indexOfEndOfHead()) < 0) {
            if (end - start == buffer.length) throw new Refused(431, "the request line and headers are larger than " + buffer.length + " bytes");
            compact();
            readMore(deadline);
        }
        String head = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1);
        start = headEnd + END_OF_HEAD.length;
        ServerRequest request = parse(head);
        skipBody(request, deadline);
        return Optional.of(request);
    }

    /** True when the last {@link #next} came back empty because nothing arrived in time. */
    boolean timedOut() {
        return timedOut;
    }

    private ServerRequest parse(String head) throws Refused {
        String[] lines = LINE_BREAK.split(head, -1);
        String[] parts = lines[0].split(" ", -1);
        if (parts.length != 3 || !METHOD.matcher(parts[0]).matches() || !parts[1].startsWith("/")) {
            throw new Refused(400, "the request line is not METHOD /path HTTP/1.1");
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) throw new Refused(400, "only HTTP/1.0 and HTTP/1.1 are served");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || !HEADER_NAME.matcher(line.substring(0, colon)).matches()) {
                throw new Refused(400, "a header line is malformed");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (headers.put(name, value) != null && SINGLE_HEADERS.containsKey(name)) {
                throw new Refused(400, "the request has two " + SINGLE_HEADERS.get(name) + " headers");
            }
        }
        int query = parts[1].indexOf('?');
        String path = collapseLeadingSlashes(query < 0 ? parts[1] : parts[1].substring(0, query));
        return new ServerRequest(parts[0], path, parts[2], Map.copyOf(headers), socket.getInetAddress());
    }

    /**
     * {@code //latest/…} is {@code /latest/…}: a client given the endpoint with a final slash joins it
     * to its own {@code /latest/…} (the AWS SDK for Java v2 does), and one given it without a slash
     * gets the one this server prints with it. Only the leading run is collapsed.
     */
    static String collapseLeadingSlashes(String path) {
        int i = 0;
        while (i + 1 < path.length() && path.charAt(i + 1) == '/') i++;
        return path.substring(i);
    }

    /** Credential requests have no body worth reading; a small one is read and dropped, a large one refused. */
    private void skipBody(ServerRequest request, long deadline) throws IOException, Refused {
        if (request.header("transfer-encoding").isPresent()) throw new Refused(400, "a chunked request body is not accepted");
        Optional<String> lengthHeader = request.header("content-length");
        if (lengthHeader.isEmpty()) return;
        long length;
        try {
            length = Long.parseLong(lengthHeader.get());
        } catch (NumberFormatException e) {
            throw new Refused(400, "Content-Length is not a number");
        }
        if (length < 0) throw new Refused(400, "Content-Length is negative");
        if (length > maxBodyBytes) throw new Refused(413, "the request body is larger than " + maxBodyBytes + " bytes");
        long left = length;
        while (left > 0) {
            if (start == end) {
                start = 0;
                end = 0;
                readMore(deadline);
            }
            int take = (int) Math.min(left, end - start);
            start += take;
            left -= take;
        }
    }

    private void readMore(long deadline) throws IOException, Refused {
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (leftMillis <= 0) throw new Refused(408, "the request did not arrive in time");
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
        int n;
        try {
            n = in.read(buffer, end, buffer.length - end);
        } catch (SocketTimeoutException e) {
            throw new Refused(408, "the request did not arrive in time");
        }
        if (n < 0) throw new EOFException("the client closed the connection in the middle of a request");
        end += n;
    }

    private void compact() {
        if (start == 0) return;
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
    }

    private int indexOfEndOfHead() {
        outer:
        for (int i = start; i + END_OF_HEAD.length <= end; i++) {
            for (int j = 0; j < END_OF_HEAD.length; j++) {
                if (buffer[i + j] != END_OF_HEAD[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
