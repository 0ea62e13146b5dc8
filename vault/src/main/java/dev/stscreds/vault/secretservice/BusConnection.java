package dev.stscreds.vault.secretservice;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A minimal synchronous D-Bus client over the JDK's Unix-domain sockets: EXTERNAL authentication,
 * method calls that wait for their reply, and waiting for a signal. No threads: the caller's
 * thread does all reading, with a deadline on every wait. Not thread-safe; one per operation.
 */
final class BusConnection implements AutoCloseable {
    private static final String BUS = "org.freedesktop.DBus";
    private static final String BUS_PATH = "/org/freedesktop/DBus";

    private final Path socket;
    private final SocketChannel channel;
    private final Selector selector;
    private final Deque<Message> pendingSignals = new ArrayDeque<>();
    private int lastSerial;

    private BusConnection(Path socket, SocketChannel channel, Selector selector) {
        this.socket = socket;
        this.channel = channel;
        this.selector = selector;
    }

    /** Connects, authenticates and says Hello, all within {@code timeout}. */
    static BusConnection open(Path socket, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, 0);
            BusConnection connection = new BusConnection(socket, channel, selector);
            connection.connect(UnixDomainSocketAddress.of(socket), deadline);
            connection.authenticate(deadline);
            connection.call(BUS, BUS_PATH, BUS, "Hello", "", List.of(), remaining(deadline));
            return connection;
        } catch (IOException | RuntimeException e) {
            if (selector != null) selector.close();
            channel.close();
            throw e;
        }
    }

    Path socket() {
        return socket;
    }

    /** Calls a method and returns the reply's body; an error reply becomes a {@link BusErrorException}. */
    List<Object> call(String destination, String path, String iface, String member, String signature,
            List<Object> args, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int serial = ++lastSerial;
        byte[] bytes = Message.methodCall(serial, destination, path, iface, member, signature, args).encode();
        try {
            writeFully(ByteBuffer.wrap(bytes), deadline);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        while (true) {
            Message m = receive(deadline, iface + "." + member);
            if (m.type() == Message.SIGNAL) {
                pendingSignals.add(m);
            } else if (m.replySerial() == serial) {
                if (m.type() == Message.ERROR) {
                    Object text = m.body().isEmpty() ? null : m.body().get(0);
                    throw new BusErrorException(m.errorName(), text instanceof String ? (String) text : null);
                }
                return m.body();
            }
        }
    }

    /** Asks the bus to route matching signals to us (a D-Bus match rule). */
    void addMatch(String rule, Duration timeout) throws IOException {
        call(BUS, BUS_PATH, BUS, "AddMatch", "s", List.of(rule), timeout);
    }

    /** The first signal, received earlier or now, that {@code wanted} accepts. */
    Message awaitSignal(Predicate<Message> wanted, Duration timeout, String what) throws IOException {
        for (Iterator<Message> it = pendingSignals.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (wanted.test(m)) {
                it.remove();
                return m;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Message m = receive(deadline, what);
            if (m.type() == Message.SIGNAL && wanted.test(m)) return m;
        }
    }

    private Message receive(long deadline, String what) throws IOException {
        byte[] prefix = new byte[Message.PREFIX_LENGTH];
        readFully(ByteBuffer.wrap(prefix), deadline, what);
        byte[] whole = Arrays.copyOf(prefix, Message.totalLength(prefix));
        readFully(ByteBuffer.wrap(whole, prefix.length, whole.length - prefix.length), deadline, what);
        try {
            return Message.decode(whole);
        } finally {
            Arrays.fill(whole, (byte) 0);
        }
    }

    private void connect(UnixDomainSocketAddress address, long deadline) throws IOException {
        if (channel.connect(address)) return;
        while (!channel.finishConnect()) await(SelectionKey.OP_CONNECT, deadline, "connecting");
    }

    /**
     * SASL EXTERNAL: the bus reads our uid from the socket; we name it (as a hex string of its
     * decimal digits) when the platform tells us, else let the bus take it from the socket alone.
     */
    private void authenticate(long deadline) throws IOException {
        String uid = currentUid();
        String command = uid == null ? "AUTH EXTERNAL\r\n" : "AUTH EXTERNAL " + hex(uid) + "\r\n";
        writeFully(ByteBuffer.wrap(("\0" + command).getBytes(StandardCharsets.US_ASCII)), deadline);
        String answer = readLine(deadline);
        if (answer.equals("DATA")) {
            writeFully(ByteBuffer.wrap("DATA\r\n".getBytes(StandardCharsets.US_ASCII)), deadline);
            answer = readLine(deadline);
        }
        if (!answer.startsWith("OK ")) {
            throw new IOException("the bus at " + socket + " refused authentication (" + answer + ")");
        }
        writeFully(ByteBuffer.wrap("BEGIN\r\n".getBytes(StandardCharsets.US_ASCII)), deadline);
    }

    private static String currentUid() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
        } catch (IOException | RuntimeException notLinux) {
            return null;
        }
    }

    private static String hex(String text) {
        StringBuilder s = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) s.append(String.format("%02x", b));
        return s.toString();
    }

    /** One line of the authentication exchange, read a byte at a time so nothing after it is consumed. */
    private String readLine(long deadline) throws IOException {
        StringBuilder line = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (line.length() < 512) {
            one.clear();
            readFully(one, deadline, "authentication");
            char c = (char) one.get(0);
            if (c == '\n' && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                return line.substring(0, line.length() - 1);
            }
            line.append(c);
        }
        throw new BusProtocolException("authentication line longer than 512 bytes");
    }

    private void readFully(ByteBuffer buffer, long deadline, String what) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) throw new IOException("the bus at " + socket + " closed the connection during " + what);
            if (n == 0) await(SelectionKey.OP_READ, deadline, what);
        }
    }

    private void writeFully(ByteBuffer buffer, long deadline) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) await(SelectionKey.OP_WRITE, deadline, "sending");
        }
    }

    private void await(int operation, long deadline, String what) throws IOException {
        long millis = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
        if (millis == 0) throw new BusTimeoutException("no answer from the bus at " + socket + " in time (" + what + ")");
        SelectionKey key = channel.keyFor(selector);
        key.interestOps(operation);
        selector.select(millis);
        selector.selectedKeys().clear();
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
