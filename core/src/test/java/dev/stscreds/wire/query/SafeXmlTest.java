package dev.stscreds.wire.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeXmlTest {
    @TempDir
    Path dir;

    @Test
    void readsElementsWithoutNamespaces() {
        XmlElement root = SafeXml.parse("<R xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><A><B> x </B></A>"
                + "<ResponseMetadata><RequestId>id-1</RequestId></ResponseMetadata></R>");
        assertThat(root.textAt("A", "B")).contains("x");
        assertThat(root.descendant("RequestId").map(XmlElement::text)).contains("id-1");
    }

    @Test
    void externalEntitiesAreRefusedWithoutReadingTheFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOPSECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>";
        assertThatThrownBy(() -> SafeXml.parse(xxe))
                .isInstanceOf(SafeXml.XmlFormatException.class)
                .hasMessageNotContaining("TOPSECRET");
    }

    @Test
    void internalEntityExpansionIsRefused() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><r>&b;</r>";
        assertThatThrownBy(() -> SafeXml.parse(bomb)).isInstanceOf(SafeXml.XmlFormatException.class);
    }

    @Test
    void malformedTextSaysWhereNotWhat() {
        assertThatThrownBy(() -> SafeXml.parse("<r><SecretAccessKey>abc</r>"))
                .isInstanceOf(SafeXml.XmlFormatException.class)
                .hasMessageContaining("line 1")
                .hasMessageNotContaining("abc");
        assertThatThrownBy(() -> SafeXml.parse("")).isInstanceOf(SafeXml.XmlFormatException.class);
    }
}
