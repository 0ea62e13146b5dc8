package dev.stscreds.wire.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A parsed XML element: local name (namespaces ignored), text and children. */
public final class XmlElement {
    private final String name;
    private final StringBuilder text = new StringBuilder();
    private final List<XmlElement> children = new ArrayList<>();

    XmlElement(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The element's own text, trimmed. */
    public String text() {
        return text.toString().trim();
    }

    public List<XmlElement> children() {
        return children;
    }

    /** The first child with this name. */
    public Optional<XmlElement> child(String childName) {
        for (XmlElement c : children) if (c.name.equals(childName)) return Optional.of(c);
        return Optional.empty();
    }

    /** The element at a path of child names below this one, e.g. {@code find("Credentials", "AccessKeyId")}. */
    public Optional<XmlElement> find(String... path) {
        Optional<XmlElement> at = Optional.of(this);
        for (String step : path) at = at.flatMap(e -> e.child(step));
        return at;
    }

    /** The text at a path, when the element is there and not empty. */
    public Optional<String> textAt(String... path) {
        return find(path).map(XmlElement::text).filter(t -> !t.isEmpty());
    }

    /** The first element with this name anywhere below (depth first), e.g. {@code RequestId}. */
    public Optional<XmlElement> descendant(String descendantName) {
        for (XmlElement c : children) {
            if (c.name.equals(descendantName)) return Optional.of(c);
            Optional<XmlElement> deeper = c.descendant(descendantName);
            if (deeper.isPresent()) return deeper;
        }
        return Optional.empty();
    }

    void appendText(String more) {
        text.append(more);
    }

    @Override
    public String toString() {
        return "<" + name + ">"; // never the text: it may be a secret
    }
}
