package dev.stscreds.testkit.saml;

import dev.stscreds.testkit.LoopbackHttp;
import dev.stscreds.testkit.pki.TestPki;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A local SAML 2.0 identity provider on 127.0.0.1: users with passwords, a sign-in page (an HTML
 * form at {@link #signInUrl()}), and IdP-initiated POST binding towards a configurable AWS sign-in
 * URL: after a good password the page is an auto-submitting form carrying {@code SAMLResponse}.
 * Assertions carry AWS's {@code Role}, {@code RoleSessionName} and {@code SessionDuration}
 * attributes, the audience {@value #AWS_AUDIENCE}, and a validity measured on the IdP's clock; they
 * are signed (enveloped XML-DSig on the Assertion, exclusive c14n, RSA-SHA256) with the JDK's own
 * {@code javax.xml.crypto}. {@link #defect} makes the next assertions expired, unsigned, signed by
 * another key or addressed to another audience.
 *
 * <pre>{@code
 * try (LocalSamlIdp idp = new LocalSamlIdp().clock(clock).start()) {
 *     String provider = sts.createSamlProvider("corp", idp.certificate());
 *     idp.addUser("alice", "pw", List.of(roleArn + "," + provider));
 *     String samlResponse = idp.samlResponse("alice");   // or sign in at idp.signInUrl()
 * }
 * }</pre>
 */
public final class LocalSamlIdp implements AutoCloseable {
    public static final String AWS_AUDIENCE = "https://signin.aws.amazon.com/saml";
    public static final String ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";
    public static final String SESSION_NAME_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
    public static final String SESSION_DURATION_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/SessionDuration";

    /** What is wrong, on purpose, with the assertions issued from now on. */
    public enum Defect { NONE, EXPIRED, UNSIGNED, WRONGLY_SIGNED, WRONG_AUDIENCE }

    private record Account(String password, List<String> roles) {
    }

    private final Map<String, Account> users = new ConcurrentHashMap<>();
    private final AtomicInteger signIns = new AtomicInteger();
    private final TestPki.Issued signer;
    private final TestPki.Issued stranger;
    private final LoopbackHttp http;
    private volatile Clock clock = Clock.systemUTC();
    private volatile URI awsSignInUrl = URI.create(AWS_AUDIENCE);
    private volatile Duration validity = Duration.ofMinutes(5);
    private volatile Duration sessionDuration;
    private volatile Defect defect = Defect.NONE;

    public LocalSamlIdp() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        signer = selfSigned("stscreds testkit IdP", now);
        stranger = selfSigned("stscreds testkit impostor", now);
        http = new LoopbackHttp("saml-idp", this::answer);
    }

    private static TestPki.Issued selfSigned(String name, Instant now) {
        KeyPair keys = TestPki.rsa(2048);
        return TestPki.rootCa(name, keys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
    }

    public LocalSamlIdp start() {
        http.start();
        return this;
    }

    @Override
    public void close() {
        http.close();
    }

    /** The clock that IssueInstant, NotBefore and NotOnOrAfter are written on. */
    public LocalSamlIdp clock(Clock c) {
        this.clock = c;
        return this;
    }

    /** Where the sign-in page posts the SAMLResponse (AWS's sign-in URL, or a catcher in a test). */
    public LocalSamlIdp awsSignInUrl(URI url) {
        this.awsSignInUrl = url;
        return this;
    }

    /** How long an assertion may be used (NotOnOrAfter - IssueInstant); five minutes unless told. */
    public LocalSamlIdp validity(Duration d) {
        this.validity = d;
        return this;
    }

    /** The {@code SessionDuration} attribute's value; none unless told. */
    public LocalSamlIdp sessionDuration(Duration d) {
        this.sessionDuration = d;
        return this;
    }

    public LocalSamlIdp defect(Defect d) {
        this.defect = d;
        return this;
    }

    /** A user with a password; {@code roles} are the Role attribute's values, each "roleArn,providerArn" (either order). */
    public LocalSamlIdp addUser(String name, String password, List<String> roles) {
        users.put(name, new Account(password, List.copyOf(roles)));
        return this;
    }

    /** The sign-in page: GET shows the form, POST of {@code username} and {@code password} answers the POST binding. */
    public URI signInUrl() {
        return http.baseUri().resolve("/sso/aws");
    }

    public X509Certificate certificate() {
        return signer.certificate();
    }

    public String certificatePem() {
        return signer.certificatePem();
    }

    /** Successful sign-ins through the page. */
    public int signIns() {
        return signIns.get();
    }

    /** The base64 SAMLResponse the page would post for this user now (no password asked). */
    public String samlResponse(String user) {
        return Base64.getEncoder().encodeToString(responseXml(user).getBytes(StandardCharsets.UTF_8));
    }

    /** The SAMLResponse document itself, as text, for this user now. */
    public String responseXml(String user) {
        Account account = users.get(user);
        if (account == null) throw new IllegalArgumentException("no user " + user);
        return build(user, account);
    }

    private LoopbackHttp.Answer answer(LoopbackHttp.Request r) {
        if (!r.path().equals("/sso/aws")) return LoopbackHttp.Answer.of(404, "text/html", page("Not found", "<p>No such page.</p>"));
        if (r.method().equals("GET")) return LoopbackHttp.Answer.of(200, "text/html; charset=utf-8", signInPage(""));
        if (!r.method().equals("POST")) return LoopbackHttp.Answer.of(405, "text/plain", "method not allowed");
        String name = r.formParameter("username");
        String password = r.formParameter("password");
        Account account = name == null ? null : users.get(name);
        if (account == null || password == null || !account.password().equals(password)) {
            return LoopbackHttp.Answer.of(401, "text/html; charset=utf-8", signInPage("<p id=\"error\">Wrong user name or password.</p>"));
        }
        signIns.incrementAndGet();
        String response = Base64.getEncoder().encodeToString(build(name, account).getBytes(StandardCharsets.UTF_8));
        String body = "<form id=\"saml\" method=\"post\" action=\"" + escape(awsSignInUrl.toString()) + "\">"
                + "<input type=\"hidden\" name=\"SAMLResponse\" value=\"" + response + "\">"
                + "<noscript><button type=\"submit\">Continue</button></noscript></form>"
                + "<script>document.getElementById('saml').submit();</script>";
        return LoopbackHttp.Answer.of(200, "text/html; charset=utf-8", page("Signing in to AWS", body))
                .withHeader("Cache-Control", "no-store");
    }

    private static String signInPage(String error) {
        return page("Sign in", error + "<form id=\"signin\" method=\"post\" action=\"/sso/aws\">"
                + "<label>User name <input id=\"username\" name=\"username\" autocomplete=\"username\"></label>"
                + "<label>Password <input id=\"password\" name=\"password\" type=\"password\"></label>"
                + "<button id=\"submit\" type=\"submit\">Sign in</button></form>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>" + body + "</body></html>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private String build(String user, Account account) {
        Defect d = defect;
        Instant issued = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (d == Defect.EXPIRED) issued = issued.minus(validity).minusSeconds(60);
        Instant notOnOrAfter = issued.plus(validity);
        String audience = d == Defect.WRONG_AUDIENCE ? "https://example.com/not-aws" : AWS_AUDIENCE;
        String recipient = awsSignInUrl.toString();

        Document doc = SamlXml.builder().newDocument();
        Element response = doc.createElementNS(SamlXml.PROTOCOL, "samlp:Response");
        response.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:samlp", SamlXml.PROTOCOL);
        response.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:saml", SamlXml.ASSERTION);
        response.setAttribute("ID", "_" + UUID.randomUUID());
        response.setAttribute("Version", "2.0");
        response.setAttribute("IssueInstant", issued.toString());
        response.setAttribute("Destination", recipient);
        doc.appendChild(response);
        text(response, SamlXml.ASSERTION, "saml:Issuer", issuer());
        Element status = child(response, SamlXml.PROTOCOL, "samlp:Status");
        child(status, SamlXml.PROTOCOL, "samlp:StatusCode").setAttribute("Value", "urn:oasis:names:tc:SAML:2.0:status:Success");

        Element assertion = child(response, SamlXml.ASSERTION, "saml:Assertion");
        String assertionId = "_" + UUID.randomUUID();
        assertion.setAttribute("ID", assertionId);
        assertion.setIdAttribute("ID", true);
        assertion.setAttribute("Version", "2.0");
        assertion.setAttribute("IssueInstant", issued.toString());
        text(assertion, SamlXml.ASSERTION, "saml:Issuer", issuer());
        Element subject = child(assertion, SamlXml.ASSERTION, "saml:Subject");
        Element nameId = text(subject, SamlXml.ASSERTION, "saml:NameID", user);
        nameId.setAttribute("Format", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        Element confirmation = child(subject, SamlXml.ASSERTION, "saml:SubjectConfirmation");
        confirmation.setAttribute("Method", "urn:oasis:names:tc:SAML:2.0:cm:bearer");
        Element data = child(confirmation, SamlXml.ASSERTION, "saml:SubjectConfirmationData");
        data.setAttribute("NotOnOrAfter", notOnOrAfter.toString());
        data.setAttribute("Recipient", recipient);
        Element conditions = child(assertion, SamlXml.ASSERTION, "saml:Conditions");
        conditions.setAttribute("NotBefore", issued.minusSeconds(5).toString());
        conditions.setAttribute("NotOnOrAfter", notOnOrAfter.toString());
        Element restriction = child(conditions, SamlXml.ASSERTION, "saml:AudienceRestriction");
        text(restriction, SamlXml.ASSERTION, "saml:Audience", audience);
        Element authn = child(assertion, SamlXml.ASSERTION, "saml:AuthnStatement");
        authn.setAttribute("AuthnInstant", issued.toString());
        Element context = child(authn, SamlXml.ASSERTION, "saml:AuthnContext");
        text(context, SamlXml.ASSERTION, "saml:AuthnContextClassRef", "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
        Element attributes = child(assertion, SamlXml.ASSERTION, "saml:AttributeStatement");
        attribute(attributes, ROLE_ATTRIBUTE, account.roles());
        attribute(attributes, SESSION_NAME_ATTRIBUTE, List.of(user));
        Duration duration = sessionDuration;
        if (duration != null) attribute(attributes, SESSION_DURATION_ATTRIBUTE, List.of(Long.toString(duration.toSeconds())));

        if (d != Defect.UNSIGNED) sign(assertion, assertionId, subject, d == Defect.WRONGLY_SIGNED ? stranger : signer);
        return SamlXml.serialise(doc);
    }

    private String issuer() {
        return http.baseUri() + "/idp";
    }

    /** Enveloped signature placed after the Assertion's Issuer, as SAML's schema wants; the certificate goes in KeyInfo. */
    private void sign(Element assertion, String id, Element before, TestPki.Issued key) {
        try {
            XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
            var reference = f.newReference("#" + id, f.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            var signedInfo = f.newSignedInfo(
                    f.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    f.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(reference));
            KeyInfoFactory kif = f.getKeyInfoFactory();
            var keyInfo = kif.newKeyInfo(List.of(kif.newX509Data(List.of(signer.certificate()))));
            DOMSignContext context = new DOMSignContext(key.keys().getPrivate(), assertion, before);
            context.setDefaultNamespacePrefix("ds");
            f.newXMLSignature(signedInfo, keyInfo).sign(context);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the assertion", e);
        }
    }

    private static void attribute(Element statement, String name, List<String> values) {
        Element a = child(statement, SamlXml.ASSERTION, "saml:Attribute");
        a.setAttribute("Name", name);
        for (String v : values) text(a, SamlXml.ASSERTION, "saml:AttributeValue", v);
    }

    private static Element child(Element parent, String ns, String name) {
        Element e = parent.getOwnerDocument().createElementNS(ns, name);
        parent.appendChild(e);
        return e;
    }

    private static Element text(Element parent, String ns, String name, String value) {
        Element e = child(parent, ns, name);
        e.setTextContent(value);
        return e;
    }
}
