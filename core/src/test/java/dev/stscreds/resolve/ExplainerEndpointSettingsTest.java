package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.testing.ProfileFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain shows FIPS, dual-stack and the STS endpoint they lead to, and nothing for an ordinary profile. */
class ExplainerEndpointSettingsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void fipsAndDualStackAreShownWithWhereTheyComeFrom() {
        ProfileFixture f = new ProfileFixture(dir)
                .config("[profile dev]\nregion = us-east-1\nuse_fips_endpoint = true\nrole_arn = arn:aws:iam::123456789012:role/r\n"
                        + "source_profile = base\n[profile base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                        + "aws_secret_access_key = x\n")
                .env("AWS_USE_DUALSTACK_ENDPOINT", "true");

        Explanation e = new Explainer(f.settings(), CLOCK).explainProfile("dev", false);

        assertThat(e.settingsInEffect()).containsExactly(
                "FIPS endpoints: on (use_fips_endpoint in profile dev)",
                "dual-stack endpoints: on (AWS_USE_DUALSTACK_ENDPOINT)",
                "STS endpoint: https://sts-fips.us-east-1.api.aws/ (endpoint rules for us-east-1 with FIPS and dual-stack,"
                        + " signed for us-east-1)");
        assertThat(ExplanationJson.write(e)).contains("sts-fips.us-east-1.api.aws");
    }

    @Test
    void proxiesAndTheCaBundleAreShownAndABadBundleSaysWhy() {
        ProfileFixture f = new ProfileFixture(dir)
                .config("[profile dev]\nregion = eu-west-1\nca_bundle = " + dir.resolve("missing.pem") + "\n"
                        + "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n")
                .env("HTTPS_PROXY", "http://proxy.corp:3128").env("NO_PROXY", ".corp");

        assertThat(new Explainer(f.settings(), CLOCK).explainProfile("dev", false).settingsInEffect()).containsExactly(
                "network: the CA bundle " + dir.resolve("missing.pem") + " (ca_bundle in profile dev) cannot be read: "
                        + dir.resolve("missing.pem"));
        f.config("[profile dev]\nregion = eu-west-1\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n");
        assertThat(new Explainer(f.settings(), CLOCK).explainProfile("dev", false).settingsInEffect()).containsExactly(
                "proxy: https via http://proxy.corp:3128 (HTTPS_PROXY); not for .corp (NO_PROXY)");
    }

    @Test
    void anOrdinaryProfileShowsNoSettings() {
        ProfileFixture f = new ProfileFixture(dir).config("[profile dev]\nregion = eu-west-1\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = x\n");
        assertThat(new Explainer(f.settings(), CLOCK).explainProfile("dev", false).settingsInEffect()).isEmpty();
    }
}
