package dev.stscreds.wire.endpoints;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The functions endpoint rules call ({@code isSet}, {@code not}, {@code booleanEquals},
 * {@code stringEquals}, {@code getAttr}, {@code aws.partition}, {@code parseURL},
 * {@code substring}, {@code isValidHostLabel}, {@code uriEncode}). A result of null means
 * "no value", which fails the condition that asked for it.
 */
final class RuleFunctions {
    private static final Pattern HOST_LABEL = Pattern.compile("[a-zA-Z\\d][a-zA-Z\\d\\-]{0,62}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Partitions partitions;

    RuleFunctions(Partitions partitions) {
        this.partitions = partitions;
    }

    Object call(String fn, List<Object> args) {
        return switch (fn) {
            case "isSet" -> args.get(0) != null;
            case "not" -> !Boolean.TRUE.equals(args.get(0));
            case "booleanEquals", "stringEquals" -> Objects.equals(args.get(0), args.get(1));
            case "getAttr" -> getAttr(args.get(0), (String) args.get(1));
            case "aws.partition" -> args.get(0) == null ? null : partitions.of((String) args.get(0));
            case "parseURL" -> parseUrl((String) args.get(0));
            case "substring" -> substring((String) args.get(0), number(args.get(1)), number(args.get(2)),
                    Boolean.TRUE.equals(args.get(3)));
            case "isValidHostLabel" -> isValidHostLabel((String) args.get(0), Boolean.TRUE.equals(args.get(1)));
            case "uriEncode" -> uriEncode((String) args.get(0));
            default -> throw new IllegalStateException("the endpoint rules call an unknown function: " + fn);
        };
    }

    /** {@code name}, {@code a.b} or {@code list[0]} paths into objects and lists. */
    static Object getAttr(Object value, String path) {
        Object current = value;
        for (String part : path.split("\\.")) {
            if (current == null) return null;
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (!name.isEmpty()) {
                current = current instanceof Map<?, ?> m ? m.get(name) : null;
            }
            while (bracket >= 0 && current != null) {
                int close = part.indexOf(']', bracket);
                int index = Integer.parseInt(part.substring(bracket + 1, close));
                current = current instanceof List<?> l && index < l.size() ? l.get(index) : null;
                bracket = part.indexOf('[', close);
            }
        }
        return current;
    }

    private static Map<String, Object> parseUrl(String url) {
        if (url == null) return null;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) return null;
        if (uri.getRawQuery() != null || uri.getRawAuthority() == null) return null;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String host = uri.getHost() == null ? uri.getRawAuthority() : uri.getHost();
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("scheme", scheme);
        parts.put("authority", uri.getRawAuthority());
        parts.put("path", path);
        parts.put("normalizedPath", path.endsWith("/") ? path : path + "/");
        parts.put("isIp", IPV4.matcher(host).matches() || host.startsWith("["));
        return parts;
    }

    private static String substring(String input, int start, int stop, boolean reverse) {
        if (input == null || start >= stop || input.length() < stop) return null;
        for (int i = 0; i < input.length(); i++) {
            if (input.charAt(i) > 127) return null;
        }
        return reverse ? input.substring(input.length() - stop, input.length() - start) : input.substring(start, stop);
    }

    private static boolean isValidHostLabel(String value, boolean allowSubDomains) {
        if (value == null) return false;
        if (!allowSubDomains) return HOST_LABEL.matcher(value).matches();
        for (String label : value.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) return false;
        }
        return true;
    }

    private static String uriEncode(String value) {
        if (value == null) return null;
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }

    private static int number(Object o) {
        return o instanceof BigDecimal d ? d.intValue() : ((Number) o).intValue();
    }
}
