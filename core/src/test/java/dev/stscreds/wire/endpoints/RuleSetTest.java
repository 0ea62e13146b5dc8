package dev.stscreds.wire.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.wire.JsonDocument;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules' refusals, with a partition that has neither FIPS nor dual-stack. */
class RuleSetTest {
    private static final Partitions PLAIN = new Partitions(JsonDocument.parseObject("""
            {"partitions": [{"id": "aws", "regionRegex": "^(us|eu)\\\\-\\\\w+\\\\-\\\\d+$", "regions": {"eu-west-1": {}},
              "outputs": {"name": "aws", "dnsSuffix": "example.com", "dualStackDnsSuffix": "api.example.com",
                          "supportsFIPS": false, "supportsDualStack": false, "implicitGlobalRegion": "us-east-1"}}]}
            """, "test partitions"));

    private final RuleSet sts = new RuleSet("sts", RuleResources.read("sts.json"), PLAIN);

    @Test
    void aPartitionWithoutFipsRefusesFips() {
        assertThat(sts.evaluate(Map.of("Region", "eu-west-1", "UseFIPS", true)))
                .isEqualTo(new RuleResult.Error("FIPS is enabled but this partition does not support FIPS"));
        assertThat(sts.evaluate(Map.of("Region", "eu-west-1", "UseDualStack", true)))
                .isEqualTo(new RuleResult.Error("DualStack is enabled but this partition does not support DualStack"));
    }

    @Test
    void thePartitionsSuffixAndAnUnlistedRegionByPattern() {
        assertThat(sts.evaluate(Map.of("Region", "us-west-9"))).isEqualTo(new RuleResult.Endpoint("https://sts.us-west-9.example.com", Map.of()));
    }

    @Test
    void fipsWithACustomEndpointIsTheRulesError() {
        assertThat(sts.evaluate(Map.of("Region", "eu-west-1", "UseFIPS", true, "Endpoint", "https://x.example")))
                .isEqualTo(new RuleResult.Error("Invalid Configuration: FIPS and custom endpoint are not supported"));
    }
}
