package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.testing.ProfileFixture;
import java.util.List;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultCredentialsChainTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();

    @Test
    void environmentBeatsProfile() {
        ProfileFixture f = new ProfileFixture(dir)
                .env("AWS_ACCESS_KEY_ID", "AKIDFROMENV00000")
                .env("AWS_SECRET_ACCESS_KEY", "s")
                .credentials("[default]\naws_access_key_id = AKIDFROMFILE0000\naws_secret_access_key = s\n");
        Credentials c = DefaultCredentialsChain.create(f.settings(), clock).resolve();
        assertThat(c.accessKeyId()).isEqualTo("AKIDFROMENV00000");
    }

    @Test
    void theProfileNamedByAwsProfileIsUsed() {
        ProfileFixture f = new ProfileFixture(dir)
                .env("AWS_PROFILE", "work")
                .credentials("[default]\naws_access_key_id = AKIDDEFAULT00000\naws_secret_access_key = s\n"
                        + "[work]\naws_access_key_id = AKIDWORK00000000\naws_secret_access_key = s\n");
        Credentials c = DefaultCredentialsChain.create(f.settings(), clock).resolve();
        assertThat(c.accessKeyId()).isEqualTo("AKIDWORK00000000");
        assertThat(c.source()).contains("profile work");
    }

    @Test
    void aNamedProfileThatDoesNotExistFailsInsteadOfFallingThrough() {
        ProfileFixture f = new ProfileFixture(dir).env("AWS_PROFILE", "typo")
                .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/never-asked");
        ChainOutcome outcome = DefaultCredentialsChain.create(f.settings(), clock).resolveReporting();
        assertThat(outcome.failure()).get().extracting(Throwable::getMessage).asString().contains("typo");
        assertThat(outcome.reports()).filteredOn(r -> r.source().equals("container endpoint"))
                .singleElement().extracting(SourceReport::status).isEqualTo(SourceReport.Status.NOT_TRIED);
    }

    @Test
    void aProfileWithOnlyARegionIsSkippedEvenWhenNamed() {
        ProfileFixture f = new ProfileFixture(dir).env("AWS_PROFILE", "regional")
                .config("[profile regional]\nregion = eu-west-1\n")
                .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/creds");
        ChainOutcome outcome = DefaultCredentialsChain.create(f.settings(), clock).resolveReporting();
        assertThat(outcome.reports()).extracting(SourceReport::source, SourceReport::status).contains(
                org.assertj.core.groups.Tuple.tuple("profile regional", SourceReport.Status.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("container endpoint", SourceReport.Status.FAILED));
    }

    @Test
    void nothingConfiguredListsEverySource() {
        ProfileFixture f = new ProfileFixture(dir);
        assertThatThrownBy(() -> DefaultCredentialsChain.create(f.settings(), clock).resolve())
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("system properties")
                .hasMessageContaining("environment")
                .hasMessageContaining("profile default")
                .hasMessageContaining("container endpoint")
                .hasMessageContaining("instance metadata");
    }

    @Test
    void webIdentityInTheEnvironmentFailsClearlyWhenTheTokenFileIsMissing() {
        ProfileFixture f = new ProfileFixture(dir)
                .env("AWS_WEB_IDENTITY_TOKEN_FILE", dir.resolve("token").toString())
                .env("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/r");
        assertThatThrownBy(() -> DefaultCredentialsChain.create(f.settings(), clock).resolve())
                .hasMessageContaining("web identity token file")
                .hasMessageContaining("does not exist");
    }

    @Test
    void aProfileWithARoleComesBeforeWebIdentityInTheEnvironmentAsInBotocore() {
        ProfileFixture f = new ProfileFixture(dir)
                .env("AWS_WEB_IDENTITY_TOKEN_FILE", dir.resolve("token").toString())
                .env("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/r")
                .config("[default]\nrole_arn = arn:aws:iam::123456789012:role/p\ncredential_source = Environment\n");

        List<SourceReport> reports = DefaultCredentialsChain.create(f.settings(), clock).check();

        assertThat(reports).filteredOn(r -> r.source().equals("web identity (environment)")).singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(SourceReport.Status.SKIPPED);
                    assertThat(r.detail()).contains("role_arn", "comes first");
                });
    }

    @Test
    void aRoleWhoseCredentialSourceHasNothingFailsInsteadOfFallingThrough() {
        ProfileFixture f = new ProfileFixture(dir)
                .config("[default]\nrole_arn = arn:aws:iam::123456789012:role/p\ncredential_source = Environment\n")
                .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/creds");

        assertThatThrownBy(() -> DefaultCredentialsChain.create(f.settings(), clock).resolve())
                .isInstanceOf(CredentialsException.class)
                .isNotInstanceOf(dev.stscreds.CredentialsNotConfiguredException.class)
                .hasMessageContaining("credential_source Environment, which has none");
    }
}
