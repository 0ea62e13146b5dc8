package dev.stscreds.wire.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The form body of an AWS Query-protocol request: {@code Action=…&Version=…&Key=Value…}, values
 * percent-encoded as RFC 3986 says (what SigV4 and the services expect), in the order added.
 */
public final class QueryForm {
    private final String action;
    private final List<String[]> parameters = new ArrayList<>();

    private QueryForm(String action, String version) {
        this.action = action;
        add("Action", action);
        add("Version", version);
    }

    public static QueryForm of(String action, String version) {
        return new QueryForm(action, version);
    }

    public String action() {
        return action;
    }

    /** Adds a parameter; a null value is left out. */
    public QueryForm add(String name, String value) {
        if (value != null) parameters.add(new String[] {name, value});
        return this;
    }

    /** Adds {@code prefix.member.N} (1-based) for each value: the Query protocol's lists. */
    public QueryForm addList(String prefix, List<String> values) {
        for (int i = 0; i < values.size(); i++) add(prefix + ".member." + (i + 1), values.get(i));
        return this;
    }

    /** The value of a parameter, for tests and error messages of non-secret fields. */
    public String value(String name) {
        for (String[] p : parameters) if (p[0].equals(name)) return p[1];
        return null;
    }

    public String encode() {
        StringBuilder s = new StringBuilder();
        for (String[] p : parameters) {
            if (s.length() > 0) s.append('&');
            s.append(percentEncode(p[0])).append('=').append(percentEncode(p[1]));
        }
        return s.toString();
    }

    static String percentEncode(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                s.append((char) c);
            } else {
                s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "QueryForm[" + action + "]"; // values may hold tokens and codes
    }
}
