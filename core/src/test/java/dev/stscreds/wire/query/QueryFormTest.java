package dev.stscreds.wire.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryFormTest {
    @Test
    void encodesAsRfc3986AndKeepsOrder() {
        String body = QueryForm.of("AssumeRole", "2011-06-15")
                .add("RoleArn", "arn:aws:iam::1:role/a b+c")
                .add("Skipped", null)
                .add("Policy", "{\"x\":\"é~\"}")
                .addList("TransitiveTagKeys", List.of("k1", "k2"))
                .encode();
        assertThat(body).isEqualTo("Action=AssumeRole&Version=2011-06-15"
                + "&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b%2Bc"
                + "&Policy=%7B%22x%22%3A%22%C3%A9~%22%7D"
                + "&TransitiveTagKeys.member.1=k1&TransitiveTagKeys.member.2=k2");
    }
}
