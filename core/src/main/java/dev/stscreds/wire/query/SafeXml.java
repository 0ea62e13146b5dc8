package dev.stscreds.wire.query;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses a service's XML answer with the JDK's StAX reader, DTDs and external entities off: an
 * answer cannot make us read a file or a URL (XXE), or expand entities without end.
 */
public final class SafeXml {
    private static final int MAX_DEPTH = 32;
    private static final XMLInputFactory FACTORY = newFactory();

    private SafeXml() {}

    /**
     * @throws XmlFormatException with the line and column, never the text (it may hold a secret)
     */
    public static XmlElement parse(String xml) {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new StringReader(xml));
            Deque<XmlElement> open = new ArrayDeque<>();
            XmlElement root = null;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (open.size() >= MAX_DEPTH) throw new XmlFormatException("nested deeper than " + MAX_DEPTH + " elements");
                        XmlElement e = new XmlElement(r.getLocalName());
                        if (open.isEmpty()) {
                            if (root != null) throw new XmlFormatException("has more than one root element");
                            root = e;
                        } else {
                            open.peek().children().add(e);
                        }
                        open.push(e);
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.pop();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!open.isEmpty()) open.peek().appendText(r.getText());
                    }
                    case XMLStreamConstants.DTD -> throw new XmlFormatException("contains a DTD, which is refused");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlFormatException("refers to an entity, which is refused");
                    default -> { }
                }
            }
            if (root == null) throw new XmlFormatException("is empty");
            if (!open.isEmpty()) throw new XmlFormatException("ends before its elements are closed");
            return root;
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber();
            throw new XmlFormatException("is not well-formed XML" + where);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the string reader
                }
            }
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** The answer was not the XML it should be; the message says how, not what it held. */
    public static final class XmlFormatException extends RuntimeException {
        XmlFormatException(String message) {
            super(message);
        }
    }
}
