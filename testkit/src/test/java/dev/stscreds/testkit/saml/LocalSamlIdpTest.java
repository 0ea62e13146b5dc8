package dev.stscreds.testkit.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.testkit.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSamlIdpTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/Dev,arn:aws:iam::123456789012:saml-provider/corp";
    private static final Pattern HIDDEN = Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private LocalSamlIdp idp;
    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        idp = new LocalSamlIdp().clock(clock).sessionDuration(Duration.ofHours(2)).start();
        idp.addUser("alice", "correct horse", List.of(ROLE));
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    /** What a browser does: POST the form, read the hidden SAMLResponse of the auto-submit page. */
    static HttpResponse<String> signIn(URI page, String user, String password) throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(page)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSignInPageAsksForAUserAndPasswordAndPostsTheAssertionToTheAwsSignInUrl() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(idp.signInUrl()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("name=\"username\"", "name=\"password\"");

        HttpResponse<String> wrong = signIn(idp.signInUrl(), "alice", "wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("SAMLResponse");

        HttpResponse<String> ok = signIn(idp.signInUrl(), "alice", "correct horse");
        assertThat(ok.body()).contains("action=\"https://signin.aws.amazon.com/saml\"", ".submit()");
        Matcher m = HIDDEN.matcher(ok.body());
        assertThat(m.find()).isTrue();
        String xml = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
        assertThat(xml).contains(ROLE, "https://aws.amazon.com/SAML/Attributes/RoleSessionName",
                ">7200<", "<saml:Audience>https://signin.aws.amazon.com/saml</saml:Audience>",
                "NotOnOrAfter=\"2026-01-01T10:05:00Z\"", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                "http://www.w3.org/2001/10/xml-exc-c14n#");
        assertThat(idp.signIns()).isEqualTo(1);
    }

    @Test
    void assertionsVerifyAgainstTheCertificateAndDefectsAreRefusedForWhatTheyAre() {
        Instant now = clock.instant();
        SamlVerifier.Verified v = SamlVerifier.verify(xml(), idp.certificate(), now);
        assertThat(v.roles()).containsExactly(ROLE);
        assertThat(v.sessionName()).isEqualTo("alice");
        assertThat(v.sessionDurationSeconds()).isEqualTo(7200);

        assertThatThrownBy(() -> SamlVerifier.verify(xml(), idp.certificate(), now.plus(Duration.ofMinutes(5))))
                .hasFieldOrPropertyWithValue("failure", SamlVerifier.Failure.EXPIRED);
        for (var c : List.of(
                new Object[] {LocalSamlIdp.Defect.EXPIRED, SamlVerifier.Failure.EXPIRED},
                new Object[] {LocalSamlIdp.Defect.UNSIGNED, SamlVerifier.Failure.SIGNATURE},
                new Object[] {LocalSamlIdp.Defect.WRONGLY_SIGNED, SamlVerifier.Failure.SIGNATURE},
                new Object[] {LocalSamlIdp.Defect.WRONG_AUDIENCE, SamlVerifier.Failure.AUDIENCE})) {
            idp.defect((LocalSamlIdp.Defect) c[0]);
            assertThatThrownBy(() -> SamlVerifier.verify(xml(), idp.certificate(), now))
                    .as(c[0].toString()).hasFieldOrPropertyWithValue("failure", c[1]);
        }
        idp.defect(LocalSamlIdp.Defect.NONE);
        byte[] changed = changeRoleByte(xml());
        assertThatThrownBy(() -> SamlVerifier.verify(changed, idp.certificate(), now))
                .hasFieldOrPropertyWithValue("failure", SamlVerifier.Failure.SIGNATURE);
        byte[] withDtd = ("<!DOCTYPE x [<!ENTITY e \"x\">]>" + new String(xml(), StandardCharsets.UTF_8).replaceFirst("<\\?xml[^>]*\\?>", ""))
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SamlVerifier.verify(withDtd, idp.certificate(), now))
                .hasFieldOrPropertyWithValue("failure", SamlVerifier.Failure.MALFORMED);
    }

    @Test
    void debiansXmlsec1VerifiesTheSignatureAndRefusesAChangedByte() throws Exception {
        Path xmlsec1 = Path.of("/usr/bin/xmlsec1");
        Assumptions.assumeTrue(Files.isExecutable(xmlsec1), "skipped: xmlsec1 is not installed (apt-get install xmlsec1)");
        Path pem = Files.writeString(dir.resolve("idp.pem"), idp.certificatePem());
        Path good = Files.write(dir.resolve("good.xml"), xml());
        Path bad = Files.write(dir.resolve("bad.xml"), changeRoleByte(xml()));
        assertThat(xmlsec1(xmlsec1, pem, good)).as("xmlsec1 on a good assertion").isZero();
        assertThat(xmlsec1(xmlsec1, pem, bad)).as("xmlsec1 on a changed byte").isNotZero();
    }

    private static int xmlsec1(Path xmlsec1, Path pem, Path file) throws Exception {
        Process p = new ProcessBuilder(xmlsec1.toString(), "--verify", "--pubkey-cert-pem", pem.toString(),
                "--enabled-key-data", "rsa", "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println("xmlsec1 " + file.getFileName() + ": " + out.strip());
        return p.exitValue();
    }

    private byte[] xml() {
        return idp.responseXml("alice").getBytes(StandardCharsets.UTF_8);
    }

    /** One byte of the signed Role value changed: Dev becomes Dew. */
    static byte[] changeRoleByte(byte[] xml) {
        String s = new String(xml, StandardCharsets.UTF_8);
        int at = s.indexOf("role/Dev") + "role/De".length();
        return (s.substring(0, at) + "w" + s.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
    }
}
