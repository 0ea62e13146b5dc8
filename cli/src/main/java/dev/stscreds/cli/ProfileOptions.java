package dev.stscreds.cli;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.resolve.ResolveOptions;
import dev.stscreds.resolve.RolesByArn;
import picocli.CommandLine.Option;

/** The options every credential command takes: which profile, and an MFA code. */
public final class ProfileOptions {
    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE",
            description = "The profile (default: AWS_PROFILE, then default).")
    String profile;

    @Option(names = "--mfa-token", paramLabel = "CODE",
            description = "The current MFA code, when a new session needs one (else mfa_process or a prompt on the terminal).")
    String mfaToken;

    public String profile(StscredsCommand root) {
        return root.profileOrDefault(profile);
    }

    /** The MFA code, the --endpoint-url and the vault, for a library call that resolves the profile itself. */
    public ResolveOptions resolveOptions(StscredsCommand root) {
        return ResolveOptions.NONE.withMfaToken(mfaToken)
                .withEndpointUrl(root.endpointUrl().orElse(null)).withKeyStore(root::vault);
    }

    /** The profile's credentials, through the refresh decorator and the shared cache. */
    public Credentials resolve(StscredsCommand root) {
        return provider(root).resolve();
    }

    /** The profile's provider, for a command that asks it more than once (a server). */
    public ProfileCredentialsProvider provider(StscredsCommand root) {
        return new ProfileCredentialsProvider(root.settings(), profile(root), root.clock(), resolveOptions(root));
    }

    /** A role by its ARN, assumed with the profile's credentials. */
    public CredentialsProvider roleProvider(StscredsCommand root, String roleArn) {
        return RolesByArn.assumedWith(root.settings(), profile(root), roleArn, root.clock(), resolveOptions(root));
    }
}
