package dev.stscreds.resolve;

import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileFileException;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Property;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Works out what a profile resolves to, following SPEC §3 in order (first match wins):
 * web identity, SSO, IAM Roles Anywhere, assume role, {@code credential_process}, session keys, long-term keys.
 *
 * <p>Pure: reads only the merged profile files. Errors name the profiles and file:line involved.
 */
public final class ProfileResolver {
    static final List<String> ASSUME_ROLE_OPTIONS = List.of(
            "mfa_serial", "aws_mfa_serial", "external_id", "role_session_name", "duration_seconds",
            "source_identity", "region");

    private final ProfileSet profiles;

    public ProfileResolver(ProfileSet profiles) {
        this.profiles = profiles;
    }

    /**
     * The plan for a profile.
     *
     * @throws CredentialsNotConfiguredException if there is no such profile
     * @throws CredentialsException if the profile or one it names is misconfigured
     */
    public ProfilePlan plan(String profileName) {
        Profile profile = profiles.profile(profileName).orElseThrow(() -> new CredentialsNotConfiguredException(
                "profile " + profileName + " is not in " + profiles.configFile() + " or " + profiles.credentialsFile(),
                "add it with `stscreds init --profile " + profileName + "`, or pick another with --profile or AWS_PROFILE"));
        return plan(profile, new LinkedHashSet<>());
    }

    private ProfilePlan plan(Profile profile, Set<String> visiting) {
        visiting.add(profile.name());
        Optional<Property> roleArn = profile.property("role_arn");

        if (roleArn.isPresent() && profile.property("web_identity_token_file").isPresent()) {
            return new ProfilePlan.WebIdentity(profile, roleArn.get(), profile.property("web_identity_token_file").get(),
                    profile.property("role_session_name"));
        }
        if (usesSso(profile)) {
            return SsoSettings.plan(profile, profiles);
        }
        if (RolesAnywherePlans.uses(profile)) {
            return RolesAnywherePlans.plan(profile);
        }
        if (roleArn.isPresent()) {
            return assumeRole(profile, roleArn.get(), visiting);
        }
        Optional<Property> loginSession = profile.property("login_session");
        if (loginSession.isPresent()) {
            // botocore asks its login provider after role, SSO and the credentials file's keys;
            // `aws login` refuses a profile that has other credentials, so the order rarely matters.
            if (loginSession.get().value().isBlank()) {
                throw new ProfileFileException(loginSession.get().location(),
                        "login_session in profile " + profile.name() + " is empty",
                        "sign in with `stscreds login --profile " + profile.name() + "`, which sets it, or remove the key");
            }
            return new ProfilePlan.Login(profile, loginSession.get(), profile.property("region"));
        }
        Optional<Property> process = profile.property("credential_process");
        if (process.isPresent()) {
            if (process.get().value().isBlank()) {
                throw new ProfileFileException(process.get().location(),
                        "credential_process in profile " + profile.name() + " is empty",
                        "give the command to run, or remove the key");
            }
            if (SelfReference.asksStscredsFor(process.get().value(), profile.name())) {
                return new ProfilePlan.VaultKeys(profile, process.get());
            }
            return new ProfilePlan.Process(profile, process.get());
        }
        Optional<ProfilePlan.StaticKeys> keys = staticKeys(profile);
        if (keys.isPresent()) return keys.get();
        throw new ProfileHasNoCredentialsException(
                "profile " + profile.name() + " has no credentials: none of role_arn, sso_session, sso_start_url, "
                        + "login_session, credential_process, aws_access_key_id" + keysHint(profile),
                "add keys with `stscreds init --profile " + profile.name() + "`, or a role_arn with a source_profile");
    }

    private ProfilePlan assumeRole(Profile profile, Property roleArn, Set<String> visiting) {
        Optional<Property> sourceProfile = profile.property("source_profile");
        Optional<Property> credentialSource = profile.property("credential_source");
        if (sourceProfile.isPresent() && credentialSource.isPresent()) {
            throw new ProfileFileException(credentialSource.get().location(),
                    "profile " + profile.name() + " sets both source_profile (" + sourceProfile.get().location()
                            + ") and credential_source",
                    "keep exactly one of them");
        }
        List<Property> options = new ArrayList<>();
        for (String key : ASSUME_ROLE_OPTIONS) profile.property(key).ifPresent(options::add);
        profile.property("duration_seconds").ifPresent(ProfileResolver::checkDuration);

        if (credentialSource.isPresent()) {
            return new ProfilePlan.AssumeRole(profile, roleArn, Optional.empty(),
                    Optional.of(CredentialSource.from(credentialSource.get())), options);
        }
        if (sourceProfile.isEmpty()) {
            throw new ProfileFileException(roleArn.location(),
                    "role_arn in profile " + profile.name() + " has no source_profile or credential_source",
                    "add source_profile = <a profile with keys>, or credential_source = Environment | Ec2InstanceMetadata | EcsContainer");
        }
        return new ProfilePlan.AssumeRole(profile, roleArn,
                Optional.of(sourcePlan(profile, sourceProfile.get(), visiting)), Optional.empty(), options);
    }

    private ProfilePlan sourcePlan(Profile profile, Property sourceProfile, Set<String> visiting) {
        String sourceName = sourceProfile.value();
        if (sourceName.equals(profile.name())) {
            // A profile may name itself only to use its own static keys (botocore, Go SDK).
            return staticKeys(profile).orElseThrow(() -> new ProfileFileException(sourceProfile.location(),
                    "profile " + profile.name() + " names itself as source_profile but has no aws_access_key_id",
                    "add the keys to the profile, or point source_profile at another profile"));
        }
        if (visiting.contains(sourceName)) {
            List<String> loop = new ArrayList<>(visiting);
            loop = loop.subList(loop.indexOf(sourceName), loop.size());
            throw new ProfileFileException(sourceProfile.location(),
                    "source_profile loop: " + String.join(" → ", loop) + " → " + sourceName,
                    "make one profile in the loop take its credentials from keys, a process or SSO");
        }
        Profile source = profiles.profile(sourceName).orElseThrow(() -> new ProfileFileException(sourceProfile.location(),
                "profile " + profile.name() + " names source_profile " + sourceName + ", which does not exist",
                "create profile " + sourceName + " or fix the name"));
        try {
            return plan(source, new LinkedHashSet<>(visiting));
        } catch (ProfileFileException e) {
            throw e;
        } catch (CredentialsException e) {
            throw new CredentialsException("profile " + profile.name() + " takes its credentials from profile "
                    + sourceName + " (" + sourceProfile.location() + "), but " + e.getMessage(),
                    e.hint().orElse(null), e);
        }
    }

    static Optional<ProfilePlan.StaticKeys> staticKeys(Profile profile) {
        Optional<Property> id = profile.property("aws_access_key_id");
        Optional<Property> secret = profile.property("aws_secret_access_key");
        if (id.isEmpty() && secret.isEmpty()) return Optional.empty();
        if (id.isEmpty() || secret.isEmpty()) {
            Property present = id.orElseGet(secret::get);
            String missing = id.isEmpty() ? "aws_access_key_id" : "aws_secret_access_key";
            throw new ProfileFileException(present.location(),
                    "profile " + profile.name() + " has " + present.key() + " but no " + missing,
                    "add " + missing + " to the profile, or remove " + present.key());
        }
        Optional<Property> token = profile.property("aws_session_token").or(() -> profile.property("aws_security_token"));
        return Optional.of(new ProfilePlan.StaticKeys(profile, id.get(), secret.get(), token));
    }

    private static boolean usesSso(Profile profile) {
        return profile.properties().keySet().stream().anyMatch(k -> k.startsWith("sso_"));
    }

    static void checkDuration(Property duration) {
        try {
            int seconds = Integer.parseInt(duration.value().trim());
            if (seconds < 900 || seconds > 43_200) {
                throw new ProfileFileException(duration.location(),
                        "duration_seconds = " + seconds + " is outside 900–43200",
                        "use a value between 900 (15 minutes) and 43200 (12 hours); role chains are capped at 3600");
            }
        } catch (NumberFormatException e) {
            throw new ProfileFileException(duration.location(),
                    "duration_seconds = " + duration.value() + " is not a whole number of seconds",
                    "use a value such as 3600");
        }
    }

    private static String keysHint(Profile profile) {
        if (profile.properties().isEmpty()) return " (the profile is empty)";
        return " (it has " + String.join(", ", profile.properties().keySet()) + ")";
    }
}
