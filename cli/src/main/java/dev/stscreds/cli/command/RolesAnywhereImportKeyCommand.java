package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.x509.PrivateKeys;
import dev.stscreds.x509.X509Exception;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds roles-anywhere import-key NAME --private-key FILE}: keep a certificate's key encrypted in the vault. */
@Command(name = "import-key", mixinStandardHelpOptions = true,
        description = {"Keep a certificate's private key in the stscreds vault (encrypted at rest) instead of a plaintext file.",
            "Use it as --private-key vault:NAME or roles_anywhere_private_key = vault:NAME; then delete the file."},
        footerHeading = "%nExample:%n",
        footer = {"  stscreds roles-anywhere import-key host-7 --private-key /etc/pki/ra/key.pem && shred -u /etc/pki/ra/key.pem"})
public final class RolesAnywhereImportKeyCommand implements Callable<Integer> {
    @ParentCommand
    RolesAnywhereCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The name to keep the key under.")
    String name;

    @Option(names = "--private-key", required = true, paramLabel = "FILE",
            description = "The key file: PKCS#8, PKCS#1, SEC1 or encrypted PKCS#8 (its password from STSCREDS_KEY_PASSWORD or a prompt).")
    Path privateKey;

    @Override
    public Integer call() {
        var root = parent.root();
        byte[] pkcs8;
        try {
            pkcs8 = PrivateKeys.readAsPkcs8(privateKey, null);
        } catch (X509Exception e) {
            if (!e.getMessage().endsWith(" is encrypted")) throw e;
            char[] password = root.settings().environmentVariable(RolesAnywhereCredentialProcessCommand.PASSWORD_VARIABLE)
                    .map(String::toCharArray)
                    .orElseGet(() -> dev.stscreds.prompt.Prompts.forSettings(root.settings()).secret("Password of the private key " + privateKey));
            try {
                pkcs8 = PrivateKeys.readAsPkcs8(privateKey, password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        try {
            root.vault().putPrivateKey(name, pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        spec.commandLine().getOut().println("Stored the private key " + privateKey + " in " + root.vault().describe() + " as vault:"
                + name + ".");
        spec.commandLine().getOut().println("Use it with --private-key vault:" + name + " (or roles_anywhere_private_key = vault:"
                + name + "), then delete " + privateKey + ".");
        return ExitCodes.OK;
    }
}
