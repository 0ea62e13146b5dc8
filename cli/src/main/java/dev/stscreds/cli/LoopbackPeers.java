package dev.stscreds.cli;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Which user a loopback TCP peer runs as, from Linux's {@code /proc/net/tcp} (the table identd reads):
 * a one-time URL seen in {@code ps} by another user on the machine must not be theirs to use.
 */
final class LoopbackPeers {
    /** IPv4 sockets, and IPv6 ones (where Java's sockets are, IPv4 addresses mapped into IPv6). */
    private static final List<Path> TCP_TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private LoopbackPeers() {}

    /** False only when the peer is known to run as another user than this process; true when it cannot be told. */
    static boolean sameUser(Socket socket) {
        OptionalInt peer = ownerOf(socket);
        OptionalInt self = selfUid();
        return peer.isEmpty() || self.isEmpty() || peer.getAsInt() == self.getAsInt();
    }

    /** The uid of the process at the other end of {@code socket} (an IPv4 loopback connection), if the table tells. */
    static OptionalInt ownerOf(Socket socket) {
        byte[] peerIp = socket.getInetAddress().getAddress();
        byte[] ownIp = socket.getLocalAddress().getAddress();
        for (Path table : TCP_TABLES) {
            boolean v6 = table.getFileName().toString().endsWith("6");
            // The peer's row: its local address is our remote one, its remote address our local one.
            String peerLocal = v6 ? address6(peerIp, socket.getPort()) : address(peerIp, socket.getPort());
            String peerRemote = v6 ? address6(ownIp, socket.getLocalPort()) : address(ownIp, socket.getLocalPort());
            if (peerLocal == null || peerRemote == null) continue;
            try {
                if (!Files.isReadable(table)) continue;
                for (String line : Files.readAllLines(table)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 7 && f[1].equals(peerLocal) && f[2].equals(peerRemote)) return OptionalInt.of(Integer.parseInt(f[7]));
                }
            } catch (IOException | RuntimeException e) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    /** The same for {@code /proc/net/tcp6}: an IPv4 address as IPv6 maps it ({@code ::ffff:a.b.c.d}), four words in host order. */
    static String address6(byte[] ip, int port) {
        if (ip.length != 4) return null;
        return "0000000000000000FFFF0000" + address(ip, port);
    }

    /** {@code 0100007F:1F90} for 127.0.0.1:8080, as the kernel prints it (address in host byte order, little-endian here). */
    static String address(byte[] ip, int port) {
        if (ip.length != 4) return null;
        return String.format(Locale.ROOT, "%02X%02X%02X%02X:%04X", ip[3] & 0xff, ip[2] & 0xff, ip[1] & 0xff, ip[0] & 0xff, port);
    }

    private static OptionalInt selfUid() {
        try {
            return OptionalInt.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }
}
