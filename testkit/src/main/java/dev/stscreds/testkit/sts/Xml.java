package dev.stscreds.testkit.sts;

/** Builds the small XML documents of the Query protocol, escaping text. */
final class Xml {
    private final StringBuilder out = new StringBuilder(512);

    Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    Xml open(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"").append(escape(namespace)).append("\">");
        return this;
    }

    Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>}; nothing when text is null (optional fields are left out, as AWS does). */
    Xml element(String name, Object text) {
        if (text == null) return this;
        return open(name).text(text.toString()).close(name);
    }

    Xml text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Appends another document's content as it is. */
    Xml raw(Xml other) {
        out.append(other.out);
        return this;
    }

    /** Escapes what XML text and attribute values need; apostrophes stay, as in AWS's messages. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '"': b.append("&quot;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
