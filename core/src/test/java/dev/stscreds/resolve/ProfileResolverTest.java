package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.config.ProfileFileException;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.testing.ProfileFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileResolverTest {
    @TempDir
    Path dir;

    private ProfilePlan plan(ProfileFixture f, String profile) {
        return new ProfileResolver(ProfileSet.load(f.settings())).plan(profile);
    }

    @Test
    void webIdentityComesBeforeEverythingElse() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile p]
                role_arn = arn:aws:iam::123456789012:role/r
                web_identity_token_file = /tmp/token
                sso_session = s
                credential_process = echo
                aws_access_key_id = AKIDEXAMPLE
                aws_secret_access_key = secret
                """);
        assertThat(plan(f, "p")).isInstanceOf(ProfilePlan.WebIdentity.class);
    }

    @Test
    void ssoComesBeforeRoleProcessAndKeys() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile p]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = Dev
                credential_process = echo
                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                """);
        ProfilePlan.Sso sso = (ProfilePlan.Sso) plan(f, "p");
        assertThat(sso.startUrl()).isEqualTo("https://corp.awsapps.com/start");
        assertThat(sso.region()).isEqualTo("eu-west-1");
        assertThat(sso.accountId()).isEqualTo("111122223333");
    }

    @Test
    void ssoKeyThatDiffersFromItsSessionIsAnError() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile p]
                sso_session = corp
                sso_region = us-east-1
                sso_account_id = 111122223333
                sso_role_name = Dev
                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                """);
        assertThatThrownBy(() -> plan(f, "p"))
                .isInstanceOf(ProfileFileException.class)
                .hasMessageContaining("sso_region")
                .hasMessageContaining("config:3");
    }

    @Test
    void roleComesBeforeProcessAndKeys() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile base]
                credential_process = echo base
                [profile p]
                role_arn = arn:aws:iam::123456789012:role/r
                source_profile = base
                credential_process = echo p
                """);
        ProfilePlan.AssumeRole role = (ProfilePlan.AssumeRole) plan(f, "p");
        assertThat(role.sourcePlan()).get().isInstanceOf(ProfilePlan.Process.class);
        assertThat(role.sourcePlan().get().profile().name()).isEqualTo("base");
    }

    @Test
    void processComesBeforeKeys() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [default]
                credential_process = echo
                aws_access_key_id = AKIDEXAMPLE
                aws_secret_access_key = secret
                """);
        assertThat(plan(f, "default")).isInstanceOf(ProfilePlan.Process.class);
    }

    @Test
    void sessionTokenMakesSessionKeys() {
        ProfileFixture f = new ProfileFixture(dir).credentials("""
                [p]
                aws_access_key_id = ASIAEXAMPLE
                aws_secret_access_key = secret
                aws_session_token = token
                """);
        ProfilePlan.StaticKeys keys = (ProfilePlan.StaticKeys) plan(f, "p");
        assertThat(keys.sessionToken()).isPresent();
        assertThat(keys.summary()).contains("session");
    }

    @Test
    void halfAKeyPairNamesTheProfileAndTheMissingKey() {
        ProfileFixture f = new ProfileFixture(dir).credentials("[p]\naws_access_key_id = AKIDEXAMPLE\n");
        assertThatThrownBy(() -> plan(f, "p"))
                .isInstanceOf(ProfileFileException.class)
                .hasMessageContaining("profile p")
                .hasMessageContaining("aws_secret_access_key")
                .hasMessageNotContaining("AKIDEXAMPLE");
    }

    @Test
    void chainsOfAnyDepthAreFollowed() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile a]
                role_arn = arn:aws:iam::1:role/a
                source_profile = b
                [profile b]
                role_arn = arn:aws:iam::1:role/b
                source_profile = c
                mfa_serial = arn:aws:iam::1:mfa/me
                [profile c]
                aws_access_key_id = AKIDEXAMPLE
                aws_secret_access_key = secret
                """);
        ProfilePlan a = plan(f, "a");
        ProfilePlan b = a.source().orElseThrow();
        ProfilePlan c = b.source().orElseThrow();
        assertThat(b.keysUsed()).extracting(p -> p.key()).contains("mfa_serial");
        assertThat(c).isInstanceOf(ProfilePlan.StaticKeys.class);
        assertThat(c.source()).isEmpty();
    }

    @Test
    void aSourceProfileWithKeysGivesItsKeysAndItsRoleIsNotAssumed() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile dev]
                role_arn = arn:aws:iam::123456789012:role/dev
                source_profile = base
                [profile base]
                role_arn = arn:aws:iam::123456789012:role/base
                source_profile = base
                aws_access_key_id = AKIDEXAMPLE
                aws_secret_access_key = secret
                """);
        ProfileResolver resolver = new ProfileResolver(ProfileSet.load(f.settings()));
        ProfilePlan.AssumeRole dev = (ProfilePlan.AssumeRole) resolver.plan("dev");
        assertThat(dev.sourcePlan()).get().isInstanceOf(ProfilePlan.StaticKeys.class);
        assertThat(resolver.notes()).singleElement().satisfies(n -> {
            assertThat(n.location().line()).isEqualTo(5);
            assertThat(n.message()).contains("base", "not assumed", "AWS CLI", "Java v2");
        });
        // The profile one starts from still assumes its own role.
        assertThat(new ProfileResolver(ProfileSet.load(f.settings())).plan("base")).isInstanceOf(ProfilePlan.AssumeRole.class);
    }

    @Test
    void upperCaseKeyNamesResolveAsTheAwsCliReadsThem() {
        ProfileFixture f = new ProfileFixture(dir).credentials("""
                [default]
                AWS_ACCESS_KEY_ID = AKIDEXAMPLE
                AWS_SECRET_ACCESS_KEY = secret
                """).config("""
                [profile dev]
                Role_Arn = arn:aws:iam::123456789012:role/dev
                Source_Profile = default
                """);
        ProfilePlan.AssumeRole dev = (ProfilePlan.AssumeRole) plan(f, "dev");
        assertThat(dev.roleArn().value()).isEqualTo("arn:aws:iam::123456789012:role/dev");
        assertThat(dev.sourcePlan()).get().isInstanceOf(ProfilePlan.StaticKeys.class);
    }

    @Test
    void keysInTheCredentialsFileComeBeforeCredentialProcessAndKeysInTheConfigFileAfter() {
        ProfileFixture f = new ProfileFixture(dir).credentials("""
                [a]
                aws_access_key_id = AKIDEXAMPLE
                aws_secret_access_key = secret
                """).config("""
                [profile a]
                credential_process = echo a
                [profile b]
                aws_access_key_id = AKIDEXAMPLE
                aws_secret_access_key = secret
                credential_process = echo b
                """);
        assertThat(plan(f, "a")).isInstanceOf(ProfilePlan.StaticKeys.class);
        assertThat(plan(f, "b")).isInstanceOf(ProfilePlan.Process.class);
    }

    @Test
    void cyclesAreErrorsThatNameTheLoop() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile a]
                role_arn = arn:aws:iam::1:role/a
                source_profile = b
                [profile b]
                role_arn = arn:aws:iam::1:role/b
                source_profile = a
                """);
        assertThatThrownBy(() -> plan(f, "a"))
                .isInstanceOf(ProfileFileException.class)
                .hasMessageContaining("a → b → a");
    }

    @Test
    void aProfileMayNameItselfOnlyWithStaticKeys() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile self]
                role_arn = arn:aws:iam::1:role/a
                source_profile = self
                aws_access_key_id = AKIDEXAMPLE
                aws_secret_access_key = secret
                [profile lonely]
                role_arn = arn:aws:iam::1:role/a
                source_profile = lonely
                """);
        ProfilePlan.AssumeRole self = (ProfilePlan.AssumeRole) plan(f, "self");
        assertThat(self.sourcePlan()).get().isInstanceOf(ProfilePlan.StaticKeys.class);
        assertThatThrownBy(() -> plan(f, "lonely"))
                .isInstanceOf(ProfileFileException.class)
                .hasMessageContaining("names itself");
    }

    @Test
    void bothSourceProfileAndCredentialSourceIsAnError() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile p]
                role_arn = arn:aws:iam::1:role/a
                source_profile = q
                credential_source = Environment
                """);
        assertThatThrownBy(() -> plan(f, "p"))
                .isInstanceOf(ProfileFileException.class)
                .hasMessageContaining("both source_profile");
    }

    @Test
    void credentialSourceIsCaseInsensitiveAndChecked() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile ok]
                role_arn = arn:aws:iam::1:role/a
                credential_source = ec2instancemetadata
                [profile bad]
                role_arn = arn:aws:iam::1:role/a
                credential_source = Laptop
                """);
        ProfilePlan.AssumeRole ok = (ProfilePlan.AssumeRole) plan(f, "ok");
        assertThat(ok.credentialSource()).contains(CredentialSource.EC2_INSTANCE_METADATA);
        assertThatThrownBy(() -> plan(f, "bad"))
                .isInstanceOf(ProfileFileException.class)
                .hasMessageContaining("Laptop")
                .hasMessageContaining("config:6");
    }

    @Test
    void aMissingSourceProfileNamesBothProfiles() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile p]
                role_arn = arn:aws:iam::1:role/a
                source_profile = ghost
                """);
        assertThatThrownBy(() -> plan(f, "p"))
                .hasMessageContaining("profile p")
                .hasMessageContaining("ghost");
    }

    @Test
    void aSourceProfileWithNothingToGiveNamesBothProfiles() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile p]
                role_arn = arn:aws:iam::1:role/a
                source_profile = empty
                [profile empty]
                region = eu-west-1
                """);
        assertThatThrownBy(() -> plan(f, "p"))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("profile p")
                .hasMessageContaining("profile empty has no credentials");
    }

    @Test
    void durationOutsideStsLimitsIsAnErrorWithItsLine() {
        ProfileFixture f = new ProfileFixture(dir).config("""
                [profile p]
                role_arn = arn:aws:iam::1:role/a
                credential_source = Environment
                duration_seconds = 60
                """);
        assertThatThrownBy(() -> plan(f, "p")).hasMessageContaining("config:4").hasMessageContaining("900");
    }

    @Test
    void aMissingProfileIsNotConfigured() {
        ProfileFixture f = new ProfileFixture(dir).config("[profile other]\nregion = x\n");
        assertThatThrownBy(() -> plan(f, "nope")).isInstanceOf(CredentialsNotConfiguredException.class);
    }
}
