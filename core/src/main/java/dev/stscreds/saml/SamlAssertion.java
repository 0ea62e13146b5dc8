package dev.stscreds.saml;

import dev.stscreds.CredentialsException;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What stscreds reads from a SAMLResponse before trading it with AssumeRoleWithSAML: validity,
 * audiences, recipients, the roles offered and {@code SessionDuration}. The signature is the
 * STS's to check; this catches the mistakes a client can see (expired, meant for someone else,
 * no such role) before any call. The response text itself is never kept, printed or written:
 * every failure names the check, not the content.
 */
public final class SamlAssertion {
    static final String ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
    static final String SESSION_DURATION = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
    /** AWS's sign-in SAML endpoints in every partition, and the URN some IdPs use as audience. */
    private static final Pattern AWS_SIGN_IN = Pattern.compile(
            "https://(?:[a-z0-9-]+\\.)?signin\\.(?:aws\\.amazon\\.com|amazonaws-us-gov\\.com|amazonaws\\.cn)/saml/?|urn:amazon:webservices(?::[a-z-]+)?");
    private static final String HINT = "sign in at the identity provider again (stscreds saml login)";
    private static final int MAX_DEPTH = 32;
    private static final XMLInputFactory FACTORY = factory();

    private final Instant notOnOrAfter;
    private final Instant notBefore;
    private final List<String> audiences;
    private final List<String> recipients;
    private final List<SamlRole> roles;
    private final Integer sessionDurationSeconds;

    private SamlAssertion(Instant notOnOrAfter, Instant notBefore, List<String> audiences, List<String> recipients,
                          List<SamlRole> roles, Integer sessionDurationSeconds) {
        this.notOnOrAfter = notOnOrAfter;
        this.notBefore = notBefore;
        this.audiences = audiences;
        this.recipients = recipients;
        this.roles = roles;
        this.sessionDurationSeconds = sessionDurationSeconds;
    }

    /** Reads a base64 SAMLResponse (line breaks allowed); refuses DTDs and entities. */
    public static SamlAssertion read(String base64Response) {
        byte[] xml;
        try {
            xml = Base64.getMimeDecoder().decode(base64Response.strip());
        } catch (IllegalArgumentException e) {
            throw new CredentialsException("the SAML assertion check \"base64\" failed: the SAMLResponse is not base64", HINT);
        }
        return parse(xml);
    }

    private static SamlAssertion parse(byte[] xml) {
        List<Instant> ends = new ArrayList<>();
        Instant notBefore = null;
        List<String> audiences = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            int depth = 0;
            String attribute = null;
            String element = null;
            StringBuilder text = new StringBuilder();
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > MAX_DEPTH) throw failed("well-formed", "it is nested deeper than " + MAX_DEPTH + " elements");
                        element = r.getLocalName();
                        text.setLength(0);
                        switch (element) {
                            case "Conditions", "SubjectConfirmationData" -> {
                                String end = r.getAttributeValue(null, "NotOnOrAfter");
                                if (end != null) ends.add(instant(end));
                                String start = r.getAttributeValue(null, "NotBefore");
                                if (start != null && element.equals("Conditions")) notBefore = instant(start);
                                String recipient = r.getAttributeValue(null, "Recipient");
                                if (recipient != null) recipients.add(recipient.trim());
                            }
                            case "Attribute" -> {
                                attribute = r.getAttributeValue(null, "Name");
                                if (attribute != null) attributes.putIfAbsent(attribute, new ArrayList<>());
                            }
                            default -> { }
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(r.getText());
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        String name = r.getLocalName();
                        if (name.equals("Audience")) audiences.add(text.toString().trim());
                        if (name.equals("AttributeValue") && attribute != null) attributes.get(attribute).add(text.toString().trim());
                        if (name.equals("Attribute")) attribute = null;
                        text.setLength(0);
                    }
                    case XMLStreamConstants.DTD -> throw failed("well-formed", "it contains a DTD, which is refused");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw failed("well-formed", "it refers to an entity, which is refused");
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            throw failed("well-formed", "it is not well-formed XML");
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing beyond the byte array to release
                }
            }
        }
        if (ends.isEmpty()) throw failed("not expired", "it has no NotOnOrAfter");
        List<SamlRole> roles = attributes.getOrDefault(ROLE, List.of()).stream().map(SamlRole::parse).distinct().toList();
        Integer duration = null;
        List<String> durations = attributes.getOrDefault(SESSION_DURATION, List.of());
        if (!durations.isEmpty()) {
            try {
                duration = Integer.valueOf(durations.get(0));
            } catch (NumberFormatException e) {
                throw failed("SessionDuration", "its SessionDuration is not a number of seconds");
            }
        }
        return new SamlAssertion(ends.stream().min(Instant::compareTo).orElseThrow(), notBefore, List.copyOf(audiences),
                List.copyOf(recipients), roles, duration);
    }

    /**
     * Not expired on {@code clock} (the earliest NotOnOrAfter), meant for AWS (audience and recipient),
     * offering at least one role; throws naming the check that failed.
     */
    public SamlAssertion check(Clock clock) {
        Instant now = clock.instant();
        if (!now.isBefore(notOnOrAfter)) {
            throw failed("not expired", "it was valid until " + notOnOrAfter + " and it is now " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        if (notBefore != null && now.plusSeconds(300).isBefore(notBefore)) {
            throw failed("not expired", "it is valid only from " + notBefore + "; check this machine's clock");
        }
        if (audiences.stream().noneMatch(a -> AWS_SIGN_IN.matcher(a).matches())) {
            throw failed("audience", "its audience is " + (audiences.isEmpty() ? "missing" : String.join(", ", audiences))
                    + ", not AWS's sign-in (https://signin.aws.amazon.com/saml)");
        }
        for (String recipient : recipients) {
            if (!AWS_SIGN_IN.matcher(recipient).matches()) {
                throw failed("recipient", "its recipient is " + recipient + ", not AWS's sign-in SAML endpoint");
            }
        }
        if (roles.isEmpty()) {
            throw new CredentialsException("the SAML assertion check \"role\" failed: it offers no role (no " + ROLE + " attribute)",
                    "give the user an AWS role at the identity provider");
        }
        return this;
    }

    public Instant notOnOrAfter() {
        return notOnOrAfter;
    }

    public List<SamlRole> roles() {
        return roles;
    }

    /**
     * The role to assume: {@code roleArn} when it is offered, else the only one offered; with several
     * and none named, the error lists them all.
     */
    public SamlRole role(String roleArn) {
        if (roleArn != null) {
            return roles.stream().filter(r -> r.roleArn().equals(roleArn)).findFirst().orElseThrow(() -> new CredentialsException(
                    "the SAML assertion check \"role\" failed: it does not offer " + roleArn + "; it offers " + offered(),
                    "set role_arn to one of these, or ask the identity provider's administrator for the role"));
        }
        if (roles.size() == 1) return roles.get(0);
        throw new CredentialsException("the SAML assertion offers " + roles.size() + " roles: " + offered(),
                "choose one: set role_arn in the profile (or run on a terminal to pick)");
    }

    /** The session length to ask for: {@code requested} (one hour when null) capped by {@code SessionDuration}. */
    public Duration duration(Duration requested) {
        Duration wanted = requested == null ? Duration.ofHours(1) : requested;
        if (sessionDurationSeconds == null) return wanted;
        Duration cap = Duration.ofSeconds(sessionDurationSeconds);
        return wanted.compareTo(cap) > 0 ? cap : wanted;
    }

    private String offered() {
        return roles.stream().map(SamlRole::toString).collect(Collectors.joining(", "));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw failed("not expired", "one of its NotOnOrAfter/NotBefore times is not an ISO-8601 instant");
        }
    }

    private static CredentialsException failed(String check, String why) {
        return new CredentialsException("the SAML assertion check \"" + check + "\" failed: " + why, HINT);
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** Says only what was checked, never what the assertion holds. */
    @Override
    public String toString() {
        return "SamlAssertion[valid until " + notOnOrAfter + ", " + roles.size() + " role(s)]";
    }
}
