package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.testing.ProfileFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainerTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void keysComeWithTheirFileAndLineAndSecretsAreMasked() {
        ProfileFixture f = new ProfileFixture(dir)
                .credentials("# keys\n[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = " + SECRET + "\n")
                .config("[profile dev]\nregion = eu-west-1\n");

        Explanation e = new Explainer(f.settings(), CLOCK).explainProfile("dev", false);

        assertThat(e.keys()).extracting(Explanation.ExplainedKey::key, Explanation.ExplainedKey::value, Explanation.ExplainedKey::location)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("aws_access_key_id", "AKIA…MPLE", f.credentials + ":3"),
                        org.assertj.core.groups.Tuple.tuple("aws_secret_access_key", "****", f.credentials + ":4"),
                        org.assertj.core.groups.Tuple.tuple("region", "eu-west-1", f.config + ":2"));
        assertThat(e.sources()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(SourceReport.Status.CONFIGURED);
            assertThat(s.detail()).contains("long-term keys");
        });
        assertThat(e.failure()).isEmpty();
        assertThat(ExplanationJson.write(e)).doesNotContain(SECRET).doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void aSourceProfilesRoleThatIsNotAssumedIsExplained() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile dev]
                role_arn = arn:aws:iam::123456789012:role/dev
                source_profile = base
                [profile base]
                role_arn = arn:aws:iam::123456789012:role/base
                credential_source = Environment
                aws_access_key_id = AKIAIOSFODNN7EXAMPLE
                aws_secret_access_key = %s
                """.formatted(SECRET));

        Explanation e = new Explainer(f.settings(), CLOCK).explainProfile("dev", false);

        assertThat(e.profileChain()).extracting(Explanation.ChainStep::profile).containsExactly("dev", "base");
        assertThat(e.profileChain().get(1).summary()).contains("long-term keys");
        assertThat(e.warnings()).anySatisfy(w -> assertThat(w).startsWith(f.config + ":5: ").contains("not assumed"));
    }

    @Test
    void aRoleArnStsMayRefuseIsSentAndExplainWarnsAboutIt() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile cn]
                role_arn = arn:aws-cn:iam::123456789012:role/ok
                credential_source = Environment
                [profile odd]
                role_arn = arn:aws:iam::1234:role/odd
                credential_source = Environment
                [profile wrong]
                role_arn = arn:aws:iam::123456789012:user/alice
                credential_source = Environment
                """);
        Explainer explainer = new Explainer(f.settings(), CLOCK);

        assertThat(explainer.explainProfile("cn", false).warnings()).isEmpty();
        Explanation odd = explainer.explainProfile("odd", false);
        assertThat(odd.failure()).isEmpty();
        assertThat(odd.warnings()).singleElement().satisfies(w ->
                assertThat(w).startsWith(f.config + ":5: ").contains("'1234' is not 12 digits", "sent to STS as written"));
        Explanation wrong = explainer.explainProfile("wrong", false);
        assertThat(wrong.failure()).get().satisfies(x -> assertThat(x.message()).contains("config:8", "not an IAM role ARN"));
    }

    @Test
    void theInstanceMetadataSettingsInEffectAreShown() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [default]
                region = eu-west-1
                metadata_service_num_attempts = 4
                ec2_metadata_service_endpoint_mode = IPv6
                """).env("AWS_EC2_METADATA_DISABLED", "");

        Explanation e = new Explainer(f.settings(), CLOCK).explainDefaultChain(false);

        assertThat(e.sources()).filteredOn(s -> s.source().equals("instance metadata")).singleElement().satisfies(s ->
                assertThat(s.detail()).contains("http://[fd00:ec2::254]", "4 attempts", "1 s per request",
                        "metadata_service_num_attempts=4 (profile default)",
                        "ec2_metadata_service_endpoint_mode=IPv6 (profile default)"));
    }

    @Test
    void withoutResolveNoProcessRuns() throws Exception {
        Path marker = dir.resolve("ran");
        ProfileFixture f = new ProfileFixture(dir).config("[profile p]\ncredential_process = touch " + marker + "\n");

        Explanation e = new Explainer(f.settings(), CLOCK).explainProfile("p", false);

        assertThat(e.sources().get(0).status()).isEqualTo(SourceReport.Status.CONFIGURED);
        assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void resolveRunsTheProcessAndReportsExpiry() throws Exception {
        String json = "{\"Version\": 1, \"AccessKeyId\": \"ASIAEXAMPLEEXAMPLE\", \"SecretAccessKey\": \"" + SECRET
                + "\", \"SessionToken\": \"tok\", \"Expiration\": \"2026-11-22T11:00:00Z\"}";
        Path output = Files.writeString(dir.resolve("output.json"), json);
        ProfileFixture f = new ProfileFixture(dir).config("[profile p]\ncredential_process = cat " + output + "\n");

        Explanation e = new Explainer(f.settings(), CLOCK).explainProfile("p", true);

        assertThat(e.failure()).isEmpty();
        assertThat(e.credentials()).get().satisfies(c -> {
            assertThat(c.accessKeyId()).isEqualTo("ASIA…MPLE");
            assertThat(c.expiration()).contains(Instant.parse("2026-11-22T11:00:00Z"));
            assertThat(c.temporary()).isTrue();
        });
        assertThat(ExplanationJson.write(e)).doesNotContain(SECRET).contains("\"expiration\" : \"2026-11-22T11:00:00Z\"");
    }

    @Test
    void roleChainsAreShownStepByStepWithoutCallingSts() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile admin]
                role_arn = arn:aws:iam::123456789012:role/Admin
                source_profile = base
                mfa_serial = arn:aws:iam::123456789012:mfa/me
                [profile base]
                aws_access_key_id = AKIAIOSFODNN7EXAMPLE
                aws_secret_access_key = secret
                """);

        Explanation e = new Explainer(f.settings(), CLOCK).explainProfile("admin", false);

        assertThat(e.profileChain()).extracting(Explanation.ChainStep::profile).containsExactly("admin", "base");
        assertThat(e.profileChain().get(0).keysUsed()).extracting(Explanation.ExplainedKey::key)
                .contains("role_arn", "source_profile", "mfa_serial");
        assertThat(e.sources()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(SourceReport.Status.CONFIGURED);
            assertThat(s.detail()).contains("assume role arn:aws:iam::123456789012:role/Admin", "profile base");
        });
        assertThat(e.failure()).isEmpty();
    }

    @Test
    void defaultChainSaysWhyEachSourceWasSkipped() {
        ProfileFixture f = new ProfileFixture(dir)
                .env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
                .env("AWS_SECRET_ACCESS_KEY", SECRET)
                .credentials("[default]\naws_access_key_id = AKIDOTHER0000000\naws_secret_access_key = x\n");

        Explanation e = new Explainer(f.settings(), CLOCK).explainDefaultChain(true);

        assertThat(e.sources()).extracting(SourceReport::source, SourceReport::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("system properties", SourceReport.Status.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("environment", SourceReport.Status.ANSWERED),
                org.assertj.core.groups.Tuple.tuple("web identity (environment)", SourceReport.Status.NOT_TRIED),
                org.assertj.core.groups.Tuple.tuple("profile default", SourceReport.Status.NOT_TRIED),
                org.assertj.core.groups.Tuple.tuple("container endpoint", SourceReport.Status.NOT_TRIED),
                org.assertj.core.groups.Tuple.tuple("instance metadata", SourceReport.Status.NOT_TRIED));
        assertThat(e.credentials()).get().extracting(Explanation.ResolvedCredentials::accessKeyId).isEqualTo("AKIA…MPLE");
    }

    @Test
    void aMalformedFileIsAFailureWithItsLocation() {
        ProfileFixture f = new ProfileFixture(dir).config("[profile p]\nno equals sign here\n");

        Explanation e = new Explainer(f.settings(), CLOCK).explainProfile("p", false);

        assertThat(e.failure()).get().satisfies(fl -> assertThat(fl.message()).contains(f.config + ":2"));
    }
}
