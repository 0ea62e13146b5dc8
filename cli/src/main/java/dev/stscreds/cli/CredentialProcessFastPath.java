package dev.stscreds.cli;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.output.CredentialsFormat;
import dev.stscreds.resolve.CacheHitShortcut;
import dev.stscreds.resolve.DefaultCredentialsChain;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.resolve.ResolveOptions;
import dev.stscreds.vault.KeyStores;
import dev.stscreds.vault.PassphraseSource;
import dev.stscreds.vault.VaultKeyStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code credential-process} without picocli: AWS tools run it on every credential refresh, and
 * building the whole command model costs more than the JVM's own start. Only the plain forms
 * are handled here ({@code -p/--profile}, {@code --mfa-token}, {@code --endpoint-url}); anything
 * else (help, a typo) goes to the full parser, which explains it.
 */
final class CredentialProcessFastPath {
    private String profile;
    private String mfaToken;
    private String endpointUrl;

    private CredentialProcessFastPath() {}

    /** The parsed command line, or empty when the full parser should handle it. */
    static Optional<CredentialProcessFastPath> parse(String[] args) {
        if (args.length == 0 || !args[0].equals("credential-process")) return Optional.empty();
        CredentialProcessFastPath p = new CredentialProcessFastPath();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            if ((a.equals("-p") || a.equals("--profile")) && hasValue) p.profile = args[++i];
            else if (a.startsWith("--profile=")) p.profile = a.substring("--profile=".length());
            else if (a.equals("--mfa-token") && hasValue) p.mfaToken = args[++i];
            else if (a.equals("--endpoint-url") && hasValue) p.endpointUrl = args[++i];
            else return Optional.empty();
        }
        return Optional.of(p);
    }

    int run(Settings settings, Clock clock, PrintStream out, PrintStream err) {
        String name = profile != null ? profile : DefaultCredentialsChain.selectedProfile(settings);
        if (mfaToken == null && endpointUrl == null) {
            String cached = CacheHitShortcut.credentialProcess(settings, name, clock);
            if (cached != null) {
                out.print(cached);
                out.flush();
                return ExitCodes.OK;
            }
        }
        VaultKeyStore[] vault = new VaultKeyStore[1];
        try {
            ResolveOptions options = ResolveOptions.NONE.withMfaToken(mfaToken).withEndpointUrl(endpointUrl)
                    .withKeyStore(() -> vault[0] != null ? vault[0]
                            : (vault[0] = KeyStores.open(settings, PassphraseSource.standard(settings))));
            var credentials = new ProfileCredentialsProvider(settings, name, clock, options).resolve();
            out.print(CredentialsFormat.CREDENTIAL_PROCESS.render(credentials, Optional.empty(), name));
            out.flush();
            return ExitCodes.OK;
        } catch (CredentialsException e) {
            return ErrorReport.report(e, err);
        } finally {
            if (vault[0] != null) vault[0].close();
        }
    }
}
