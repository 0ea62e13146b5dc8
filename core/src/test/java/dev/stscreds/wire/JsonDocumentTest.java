package dev.stscreds.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonDocumentTest {

    @Test
    void readsFieldsOfEachType() {
        JsonDocument d = JsonDocument.parseObject("{\"a\": \"x\", \"n\": 1, \"b\": true, \"z\": null, \"o\": {\"k\": [1, 2]}}", "doc");
        assertThat(d.string("a")).contains("x");
        assertThat(d.raw("n")).isEqualTo(new java.math.BigDecimal("1"));
        assertThat(d.raw("b")).isEqualTo(Boolean.TRUE);
        assertThat(d.has("z")).isFalse();
        assertThat(d.raw("o")).isInstanceOf(java.util.Map.class);
    }

    @Test
    void syntaxErrorsGiveThePositionButNeverQuoteTheText() {
        assertThatThrownBy(() -> JsonDocument.parseObject("{\"SecretAccessKey\": TOPSECRETVALUE}", "output of p"))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("output of p is not valid JSON at line 1")
                .hasMessageNotContaining("TOPSECRET");
    }

    @Test
    void onlyOneObjectIsAccepted() {
        assertThatThrownBy(() -> JsonDocument.parseObject("[1]", "doc")).hasMessageContaining("not a JSON object (starts with an array)");
        assertThatThrownBy(() -> JsonDocument.parseObject("", "doc")).hasMessageContaining("doc is empty");
        assertThatThrownBy(() -> JsonDocument.parseObject("{} {}", "doc")).hasMessageContaining("text after the JSON object");
    }

    @Test
    void wrongTypesNameTheField() {
        JsonDocument d = JsonDocument.parseObject("{\"Version\": \"1\"}", "doc");
        assertThat(d.string("Other")).isEmpty();
        assertThatThrownBy(() -> JsonDocument.parseObject("{\"A\": 1}", "doc").string("A"))
                .hasMessageContaining("field \"A\" must be a string, not a number");
        assertThatThrownBy(() -> d.requiredString("Missing")).hasMessageContaining("has no \"Missing\" field");
    }

    @Test
    void deepNestingIsAFormatErrorNotACrash() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        assertThatThrownBy(() -> JsonDocument.parseObject(deep, "output of p"))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("output of p is not valid JSON");
    }
}
