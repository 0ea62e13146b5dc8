package dev.stscreds.cli;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.resolve.ProfileContext;
import dev.stscreds.resolve.RolesByArn;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every credential command takes: which profile, and an MFA code. */
public final class ProfileOptions {
    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE",
            description = "The profile (default: AWS_PROFILE, else the default chain: environment, default profile, container, instance metadata).")
    String profile;

    @Option(names = "--mfa-token", paramLabel = "CODE",
            description = "The current MFA code, when a new session needs one (else mfa_process or a prompt on the terminal).")
    String mfaToken;

    /** Set by a command that takes its profile another way too (exec's positional PROFILE). */
    public void defaultProfile(String name) {
        if (profile == null) profile = name;
    }

    /** The --profile given, or null. */
    public String given() {
        return profile;
    }

    /** The root's context with this command's MFA code (and the session options, when the command has them). */
    public ProfileContext context(StscredsCommand root) {
        return context(root, null);
    }

    public ProfileContext context(StscredsCommand root, SessionOptions session) {
        var options = root.context().options().withMfaToken(mfaToken);
        if (session != null) options = session.apply(options);
        return root.context().withOptions(options);
    }

    /** What the command uses: --profile, else AWS_PROFILE, else the default chain. */
    public ProfileContext.Selection selection(StscredsCommand root) {
        return root.context().select(profile);
    }

    /** The profile whose settings apply: the one selected, else {@code default} (for the default chain). */
    public String profile(StscredsCommand root) {
        return selection(root).profileName();
    }

    /** The selection's region: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's. */
    public Optional<String> region(StscredsCommand root) {
        return root.context().region(selection(root));
    }

    /** The credentials, through the refresh decorator and the shared cache. */
    public Credentials resolve(StscredsCommand root) {
        return provider(root).resolve();
    }

    public Credentials resolve(StscredsCommand root, SessionOptions session) {
        return provider(root, session).resolve();
    }

    /** The provider, for a command that asks it more than once (a server). */
    public CredentialsProvider provider(StscredsCommand root) {
        return provider(root, null);
    }

    public CredentialsProvider provider(StscredsCommand root, SessionOptions session) {
        return context(root, session).provider(selection(root));
    }

    /** A role by its ARN, assumed with the profile's credentials. */
    public CredentialsProvider roleProvider(StscredsCommand root, String roleArn) {
        return RolesByArn.assumedWith(context(root), profile(root), roleArn);
    }
}
