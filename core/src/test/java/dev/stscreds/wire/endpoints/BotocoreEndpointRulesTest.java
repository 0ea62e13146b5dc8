package dev.stscreds.wire.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.wire.JsonDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint of STS, SSO, SSO OIDC, sign-in and Roles Anywhere that stscreds' rules evaluator
 * gives equals the one botocore's own resolver gives, for every region of partitions.json (and two
 * unlisted ones), FIPS and dual-stack on and off, legacy and regional STS, with and without an
 * endpoint override: URL, signing region, or a refusal. botocore runs once, in one process.
 * Skipped when the pyenv Python with botocore is not installed.
 */
class BotocoreEndpointRulesTest {
    private static final Path PYTHON = Path.of(System.getProperty("user.home"), ".pyenv", "shims", "python");

    @TempDir
    Path temp;

    @Test
    void everyRegionServiceAndFlagResolvesAsBotocoreDoes() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "no pyenv Python at " + PYTHON + ": botocore comparison skipped");
        Path script = temp.resolve("botocore_endpoints.py");
        try (InputStream in = getClass().getResourceAsStream("botocore_endpoints.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path out = temp.resolve("cases.jsonl");
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), "us-east-9", "eu-isoe-west-1", "mars-east-1")
                .redirectOutput(out.toFile()).redirectError(temp.resolve("err.txt").toFile()).start();
        assumeTrue(p.waitFor(5, TimeUnit.MINUTES), "botocore did not finish within 5 minutes");
        String err = Files.readString(temp.resolve("err.txt"));
        assumeTrue(!err.contains("No module named 'botocore'"), "botocore is not installed in the pyenv Python: skipped");
        assertThat(p.exitValue()).as(err).isZero();

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        int regions = Partitions.shipped().regions().size() + 3;
        // 5 services × regions × FIPS × dual-stack × override, and STS once more in legacy mode.
        assertThat(lines).hasSize(6 * regions * 8);
        List<String> differences = new ArrayList<>();
        int endpoints = 0;
        int refusals = 0;
        int olderDataRefusals = 0;
        for (String line : lines) {
            Map<String, Object> c = JsonDocument.parseObject(line, "botocore case").fields();
            String service = (String) c.get("service");
            String region = (String) c.get("region");
            Optional<String> override = Optional.ofNullable((String) c.get("override"));
            EndpointOptions options = new EndpointOptions(
                    Boolean.TRUE.equals(c.get("fips")) ? Optional.of("test") : Optional.empty(),
                    Boolean.TRUE.equals(c.get("dualstack")) ? Optional.of("test") : Optional.empty(),
                    Boolean.TRUE.equals(c.get("legacy")), false);
            RuleResult ours = ServiceEndpointRules.evaluate(service, region, options, override);
            if (c.containsKey("error")) {
                if (Boolean.TRUE.equals(c.get("clientError")) && Boolean.TRUE.equals(c.get("dualstack"))
                        && ours instanceof RuleResult.Endpoint) {
                    // Deliberate: botocore refuses dual-stack in the ISO partitions while making the client, from
                    // its older endpoint data, even with an override; the rules (and partitions.json) allow it.
                    olderDataRefusals++;
                    continue;
                }
                refusals++;
                if (!(ours instanceof RuleResult.Error ourError)) {
                    differences.add(line + " -> stscreds: " + ours);
                } else if (!Boolean.TRUE.equals(c.get("clientError")) && !ourError.message().equals(c.get("error"))) {
                    differences.add(line + " -> stscreds: " + ourError.message());
                }
                continue;
            }
            endpoints++;
            String signingRegion = ours instanceof RuleResult.Endpoint e
                    ? Optional.ofNullable(e.properties().get("authSchemes")).map(s -> (String) RuleFunctions.getAttr(s, "[0].signingRegion"))
                            .filter(r -> r != null).orElse(region)
                    : null;
            if (!(ours instanceof RuleResult.Endpoint e) || !e.url().equals(c.get("url")) || !signingRegion.equals(c.get("signingRegion"))) {
                differences.add(line + " -> stscreds: " + ours + " signed for " + signingRegion);
            }
        }
        System.out.println("botocore endpoint comparison: " + lines.size() + " cases, " + endpoints + " endpoints, "
                + refusals + " refusals, " + olderDataRefusals
                + " deliberate differences (dual-stack in ISO partitions, which botocore refuses before its rules)");
        assertThat(differences).isEmpty();
        assertThat(endpoints).isGreaterThan(lines.size() / 2);
        assertThat(olderDataRefusals).isLessThan(lines.size() / 20);
    }
}
