package dev.stscreds.wire.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts {@code NO_PROXY} exempts, matched as the AWS CLI does (host names and their
 * sub-domains, a leading dot or not, {@code *} for every host, an optional {@code :port}), and
 * also IP addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) as the other SDKs do.
 */
public final class NoProxyList {
    private final boolean everything;
    private final List<String> names = new ArrayList<>();
    private final List<byte[]> networks = new ArrayList<>();
    private final List<Integer> prefixes = new ArrayList<>();

    /** @param value the variable's value, comma-separated (spaces allowed) */
    public NoProxyList(String value) {
        boolean all = false;
        for (String raw : value.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) continue;
            if (entry.equals("*")) {
                all = true;
                continue;
            }
            if (!addRange(entry)) names.add(stripPort(entry.startsWith(".") ? entry.substring(1) : entry));
        }
        this.everything = all;
    }

    /** Whether a request to this host (a name or an IP literal, IPv6 with or without brackets) goes direct. */
    public boolean exempts(String host) {
        if (everything) return true;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        for (String name : names) {
            if (h.equals(name) || h.endsWith("." + name)) return true;
        }
        byte[] address = literal(h);
        if (address == null) return false;
        for (int i = 0; i < networks.size(); i++) {
            if (inRange(address, networks.get(i), prefixes.get(i))) return true;
        }
        return false;
    }

    private boolean addRange(String entry) {
        String address = entry;
        int prefix = -1;
        int slash = entry.indexOf('/');
        if (slash >= 0) {
            address = entry.substring(0, slash);
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (address.startsWith("[") && address.endsWith("]")) address = address.substring(1, address.length() - 1);
        byte[] bytes = literal(address);
        if (bytes == null) return false;
        if (prefix < 0 || prefix > bytes.length * 8) prefix = bytes.length * 8;
        networks.add(bytes);
        prefixes.add(prefix);
        return true;
    }

    private static boolean inRange(byte[] address, byte[] network, int prefix) {
        if (address.length != network.length) return false;
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
        }
        return true;
    }

    /** The bytes of an IP literal; null for a name (no name service is ever asked). */
    static byte[] literal(String host) {
        boolean v4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = host.contains(":") && host.matches("[0-9a-f:.%a-z]+");
        if (!v4 && !v6) return null;
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static String stripPort(String entry) {
        int colon = entry.lastIndexOf(':');
        return colon > 0 && entry.indexOf(':') == colon ? entry.substring(0, colon) : entry;
    }
}
