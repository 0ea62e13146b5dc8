package dev.stscreds.resolve;

import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileFileException;
import dev.stscreds.config.ProfileFileWarning;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Property;
import dev.stscreds.wire.sts.RoleArn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Works out what a profile resolves to, following SPEC §3 in order (first match wins):
 * web identity, SSO, IAM Roles Anywhere, assume role, keys in the credentials file, {@code credential_process},
 * keys in the config file (botocore's order: its credentials-file provider comes before the process provider,
 * its config-file provider after).
 *
 * <p>A source profile with keys gives those keys even when it also has a {@code role_arn}: only the profile
 * one starts from assumes its role (botocore, Go SDK v2, Rust SDK; the Java SDK v2 assumes both).
 *
 * <p>Pure: reads only the merged profile files. Errors name the profiles and file:line involved.
 *
 * <p>A {@code source_profile} chain may be at most {@value #MAX_CHAIN_LENGTH} profiles long (each step
 * is an AssumeRole call; real chains have a handful): a longer one, as a generated or hostile config
 * may hold, is one error naming where the chain starts instead of a stack overflow.
 */
public final class ProfileResolver {
    static final List<String> ASSUME_ROLE_OPTIONS = List.of(
            "mfa_serial", "aws_mfa_serial", "external_id", "role_session_name", "duration_seconds",
            "source_identity", "region");

    /** The most profiles a source_profile chain may hold, the one asked for included. */
    public static final int MAX_CHAIN_LENGTH = 64;

    private final ProfileSet profiles;
    private final List<ProfileFileWarning> notes = new ArrayList<>();

    public ProfileResolver(ProfileSet profiles) {
        this.profiles = profiles;
    }

    /**
     * What the plans made so far chose that a reader might not expect (a source profile's role that is not
     * assumed, a role ARN STS may refuse), each at the file:line it is about; {@code explain} shows them.
     */
    public List<ProfileFileWarning> notes() {
        return List.copyOf(notes);
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
        return plan(profile, new LinkedHashSet<>(), null);
    }

    /** @param sourceOf the profile that takes its credentials from this one, null for the profile asked for */
    private ProfilePlan plan(Profile profile, Set<String> visiting, Profile sourceOf) {
        visiting.add(profile.name());
        Optional<Property> roleArn = profile.property("role_arn");

        if (roleArn.isPresent() && profile.property("web_identity_token_file").isPresent()) {
            checkRoleArn(profile, roleArn.get());
            return new ProfilePlan.WebIdentity(profile, roleArn.get(), profile.property("web_identity_token_file").get(),
                    profile.property("role_session_name"));
        }
        if (usesSso(profile)) {
            return SsoSettings.plan(profile, profiles);
        }
        if (RolesAnywherePlans.uses(profile)) {
            return RolesAnywherePlans.plan(profile);
        }
        if (SamlPlans.uses(profile)) {
            return SamlPlans.plan(profile);
        }
        if (roleArn.isPresent() && sourceOf != null && hasStaticKeys(profile)) {
            // botocore, the Go SDK v2 and the Rust SDK: a source profile with keys gives its keys; only the
            // profile one starts from assumes its role. (The Java SDK v2 would assume this role too.)
            notes.add(new ProfileFileWarning(roleArn.get().location(), "role_arn of profile " + profile.name()
                    + " is not assumed: as the source_profile of " + sourceOf.name() + " it has keys, and a source "
                    + "profile with keys gives its keys, as the AWS CLI does (the AWS SDK for Java v2 would assume it)"));
        } else if (roleArn.isPresent()) {
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
        if (process.isPresent() && keysFromCredentialsFile(profile)) {
            // botocore asks the credentials file's keys before credential_process, and the config file's after.
            Optional<ProfilePlan.StaticKeys> keys = staticKeys(profile);
            if (keys.isPresent()) return keys.get();
        }
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
        checkRoleArn(profile, roleArn);
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
        if (visiting.size() >= MAX_CHAIN_LENGTH) {
            throw tooLong(new ArrayList<>(visiting), sourceName, sourceProfile);
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
            return plan(source, new LinkedHashSet<>(visiting), profile);
        } catch (ProfileFileException e) {
            throw e;
        } catch (CredentialsException e) {
            throw new CredentialsException("profile " + profile.name() + " takes its credentials from profile "
                    + sourceName + " (" + sourceProfile.location() + "), but " + e.getMessage(),
                    e.hint().orElse(null), e);
        }
    }

    private static ProfileFileException tooLong(List<String> chain, String next, Property sourceProfile) {
        String shown = String.join(" → ", chain.subList(0, 3)) + " → … → " + chain.get(chain.size() - 1) + " → " + next;
        return new ProfileFileException(sourceProfile.location(),
                "the source_profile chain that starts at profile " + chain.get(0) + " is longer than " + MAX_CHAIN_LENGTH
                        + " profiles (" + shown + " …)",
                "make a profile near the start of the chain take its credentials from keys, a process or SSO");
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

    /**
     * Refuses what is no IAM role ARN at all; anything else is sent as written, as the SDKs do, with a note on
     * what STS may refuse (an unknown partition, an account id that is not 12 digits, ...).
     */
    private void checkRoleArn(Profile profile, Property roleArn) {
        RoleArn arn = RoleArn.parse(roleArn.value()).orElseThrow(() -> new ProfileFileException(roleArn.location(),
                "role_arn of profile " + profile.name() + " is not an IAM role ARN",
                "write it as arn:PARTITION:iam::ACCOUNT:role/NAME, e.g. arn:aws:iam::123456789012:role/NAME"));
        for (String warning : arn.warnings()) {
            notes.add(new ProfileFileWarning(roleArn.location(), "role_arn of profile " + profile.name() + ": " + warning
                    + "; it is sent to STS as written"));
        }
    }

    private boolean keysFromCredentialsFile(Profile profile) {
        return profile.property("aws_access_key_id")
                .map(p -> p.location().file().equals(profiles.credentialsFile()))
                .orElse(false);
    }

    /** botocore's test for a source profile that gives its own keys: either key of the pair is set. */
    private static boolean hasStaticKeys(Profile profile) {
        return profile.property("aws_access_key_id").isPresent() || profile.property("aws_secret_access_key").isPresent();
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
