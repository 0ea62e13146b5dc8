package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Settings;
import dev.stscreds.testkit.MutableClock;
import dev.stscreds.testkit.saml.LocalSamlIdp;
import dev.stscreds.testkit.sts.LocalSts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamlProfileTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private LocalSts sts;
    private LocalSamlIdp idp;
    private String provider;
    private String dev;
    @TempDir
    Path home;

    @BeforeEach
    void start() throws Exception {
        sts = new LocalSts().clock(clock).start();
        idp = new LocalSamlIdp().clock(clock).start();
        provider = sts.createSamlProvider("corp", idp.certificate());
        String trust = """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithSAML", "Principal": {"Federated": "%s"}}]}"""
                .formatted(provider);
        dev = sts.createRole("Dev", trust, Duration.ofHours(12));
        String ops = sts.createRole("Ops", trust, Duration.ofHours(12));
        idp.addUser("alice", "pw", List.of(dev + "," + provider, provider + "," + ops));
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), """
                [profile corp]
                saml_idp_url = %s
                role_arn = %s
                saml_provider_arn = %s
                duration_seconds = 7200
                region = eu-west-1

                [profile pick]
                saml_idp_url = %s
                """.formatted(idp.signInUrl(), dev, provider, idp.signInUrl()));
    }

    @AfterEach
    void stop() {
        idp.close();
        sts.close();
    }

    private Settings settings() {
        return Settings.of(Map.of(), Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL_STS", sts.endpoint().toString()), home);
    }

    @Test
    void withoutASessionTheProfileNamesTheSignInCommandThenUsesTheCachedSession() {
        ProfileCredentialsProvider profile = new ProfileCredentialsProvider(settings(), "corp", clock);
        assertThat(new ProfileResolver(ProfileSet.load(settings())).plan("corp")).isInstanceOf(ProfilePlan.Saml.class);
        assertThatThrownBy(profile::resolve).hasMessageContaining("no SAML session")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).hasValueSatisfying(
                        h -> assertThat(h).contains("stscreds saml login -p corp")));

        SamlSignIn.Result r = new SamlSignIn(settings(), clock, ResolveOptions.NONE).signIn("corp", idp.samlResponse("alice"), null);
        assertThat(r.role().roleArn()).isEqualTo(dev);
        assertThat(r.offered()).hasSize(2);
        assertThat(sts.calls("AssumeRoleWithSAML")).isEqualTo(1);

        Credentials c = new ProfileCredentialsProvider(settings(), "corp", clock).resolve();
        assertThat(c.accessKeyId()).isEqualTo(r.credentials().accessKeyId());
        assertThat(c.expiration()).contains(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(sts.calls("AssumeRoleWithSAML")).isEqualTo(1);
    }

    @Test
    void severalRolesWithoutRoleArnOrTerminalIsAnErrorListingThemAndAnExpiredAssertionIsNeverSent() {
        SamlSignIn signIn = new SamlSignIn(settings(), clock, ResolveOptions.NONE);
        assertThatThrownBy(() -> signIn.signIn("pick", idp.samlResponse("alice"), null))
                .hasMessageContaining("offers 2 roles").hasMessageContaining("role/Dev").hasMessageContaining("role/Ops");
        assertThat(signIn.signIn("pick", idp.samlResponse("alice"), offered -> offered.get(1)).role().roleArn()).endsWith("role/Ops");

        String old = idp.samlResponse("alice");
        clock.advance(Duration.ofMinutes(6));
        assertThatThrownBy(() -> signIn.signIn("corp", old, null)).hasMessageContaining("check \"not expired\" failed");
        assertThat(sts.calls("AssumeRoleWithSAML")).isEqualTo(1);
    }
}
