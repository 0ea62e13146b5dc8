package dev.stscreds.testkit.saml;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * How the local STS checks a SAMLResponse, as AWS does: one Assertion whose enveloped signature
 * verifies against the registered provider's certificate and covers that very Assertion (no
 * signature wrapping), the audience {@value LocalSamlIdp#AWS_AUDIENCE}, and NotOnOrAfter against the
 * server's clock. Public only for the local STS in a sibling package.
 */
public final class SamlVerifier {
    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    /** Why an assertion was refused. */
    public enum Failure { MALFORMED, SIGNATURE, EXPIRED, AUDIENCE }

    public static final class Rejected extends RuntimeException {
        private final Failure failure;

        Rejected(Failure failure, String message) {
            super(message, null, false, false);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /** What the signed assertion says. {@code sessionDurationSeconds} is null without the attribute. */
    public record Verified(String issuer, String subject, List<String> roles, String sessionName,
                           Integer sessionDurationSeconds, Instant notOnOrAfter) {
    }

    private SamlVerifier() {
    }

    public static String issuerOf(byte[] responseXml) {
        Element assertion = assertion(SamlXml.parse(responseXml));
        return first(assertion, "Issuer");
    }

    public static Verified verify(byte[] responseXml, X509Certificate certificate, Instant now) {
        Document doc;
        try {
            doc = SamlXml.parse(responseXml);
        } catch (IllegalArgumentException e) {
            throw new Rejected(Failure.MALFORMED, "the SAML response is not well-formed XML");
        }
        Element assertion = assertion(doc);
        checkSignature(assertion, certificate);
        Element conditions = only(assertion, SamlXml.ASSERTION, "Conditions");
        Instant notOnOrAfter = instant(conditions == null ? null : conditions.getAttribute("NotOnOrAfter"));
        Instant notBefore = conditions == null || conditions.getAttribute("NotBefore").isEmpty() ? null
                : instant(conditions.getAttribute("NotBefore"));
        if (!now.isBefore(notOnOrAfter) || (notBefore != null && now.isBefore(notBefore))) {
            throw new Rejected(Failure.EXPIRED, "Response is expired or not yet valid");
        }
        List<String> audiences = texts(assertion, "Audience");
        if (!audiences.contains(LocalSamlIdp.AWS_AUDIENCE)) {
            throw new Rejected(Failure.AUDIENCE, "Audience restriction does not include " + LocalSamlIdp.AWS_AUDIENCE);
        }
        List<String> sessionNames = attribute(assertion, LocalSamlIdp.SESSION_NAME_ATTRIBUTE);
        List<String> durations = attribute(assertion, LocalSamlIdp.SESSION_DURATION_ATTRIBUTE);
        Integer duration;
        try {
            duration = durations.isEmpty() ? null : Integer.valueOf(durations.get(0).trim());
        } catch (NumberFormatException e) {
            throw new Rejected(Failure.MALFORMED, "SessionDuration is not a number");
        }
        return new Verified(first(assertion, "Issuer"), first(assertion, "NameID"),
                attribute(assertion, LocalSamlIdp.ROLE_ATTRIBUTE),
                sessionNames.isEmpty() ? null : sessionNames.get(0), duration, notOnOrAfter);
    }

    private static Element assertion(Document doc) {
        Element root = doc.getDocumentElement();
        if (!SamlXml.PROTOCOL.equals(root.getNamespaceURI()) || !"Response".equals(root.getLocalName())) {
            throw new Rejected(Failure.MALFORMED, "not a SAML 2.0 Response");
        }
        Element assertion = only(root, SamlXml.ASSERTION, "Assertion");
        if (assertion == null || doc.getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion").getLength() != 1) {
            throw new Rejected(Failure.MALFORMED, "the response must hold exactly one Assertion");
        }
        return assertion;
    }

    private static void checkSignature(Element assertion, X509Certificate certificate) {
        Element signature = only(assertion, DSIG, "Signature");
        if (signature == null) throw new Rejected(Failure.SIGNATURE, "the assertion is not signed");
        String id = assertion.getAttribute("ID");
        if (id.isEmpty()) throw new Rejected(Failure.MALFORMED, "the assertion has no ID");
        assertion.setIdAttribute("ID", true);
        try {
            DOMValidateContext context = new DOMValidateContext(certificate.getPublicKey(), signature);
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            XMLSignature xml = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            List<?> references = xml.getSignedInfo().getReferences();
            if (references.size() != 1 || !("#" + id).equals(((Reference) references.get(0)).getURI())) {
                throw new Rejected(Failure.SIGNATURE, "the signature does not cover the assertion");
            }
            if (!xml.validate(context)) throw new Rejected(Failure.SIGNATURE, "the signature does not verify");
        } catch (Rejected e) {
            throw e;
        } catch (Exception e) {
            throw new Rejected(Failure.SIGNATURE, "the signature cannot be checked");
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new Rejected(Failure.MALFORMED, "the assertion has no valid NotOnOrAfter");
        }
    }

    private static Element only(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) return e;
        }
        return null;
    }

    private static String first(Element assertion, String local) {
        List<String> all = texts(assertion, local);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<String> texts(Element within, String local) {
        NodeList nodes = within.getElementsByTagNameNS(SamlXml.ASSERTION, local);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent().trim());
        return out;
    }

    private static List<String> attribute(Element assertion, String name) {
        NodeList nodes = assertion.getElementsByTagNameNS(SamlXml.ASSERTION, "Attribute");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element a = (Element) nodes.item(i);
            if (name.equals(a.getAttribute("Name"))) out.addAll(texts(a, "AttributeValue"));
        }
        return out;
    }
}
