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

    @Test
    void numbersWithAHugeExponentAreRefusedWherePlainOnesPass() {
        for (String n : new String[] {"1e999999999", "-1e999999999", "1e-999999999", "1e401", "1e-402"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonDocument.parseObject("{\"n\": " + n + "}", "doc"))
                    .as(n).isInstanceOf(JsonFormatException.class).hasMessage("doc is not valid JSON at line 1, column 7 (a number out of range)");
        }
        for (String n : new String[] {"0", "0e999999999", "1.7976931348623157e308", "4.9e-324", "12", "-3.25"}) {
            Object parsed = JsonDocument.parseObject("{\"n\": " + n + "}", "doc").raw("n");
            org.assertj.core.api.Assertions.assertThat(parsed).as(n).isInstanceOf(java.math.BigDecimal.class);
            // what readers of a number do, cheaply for every number let through
            ((java.math.BigDecimal) parsed).longValue();
        }
    }
}
