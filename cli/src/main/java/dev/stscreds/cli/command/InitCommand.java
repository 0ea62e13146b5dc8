package dev.stscreds.cli.command;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.Secrets;
import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.config.Setting;
import dev.stscreds.keys.AccessKeyCsv;
import dev.stscreds.keys.Keys;
import dev.stscreds.keys.VaultConfigLine;
import dev.stscreds.config.ProfileFileLocations;
import java.io.Console;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds init}: store a profile's long-term keys in the vault, never in plaintext. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Store a profile's long-term access keys in the vault (an encrypted file or the OS keyring).",
            "The keys are asked on the terminal, or read from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY,",
            "or from the CSV file the IAM console downloads. They are never written in plaintext.",
            "The profile's section of ~/.aws/config gets credential_process = stscreds credential-process --profile P"
                + " (every other byte stays), so the AWS CLI and SDKs use the vault too; --no-config leaves the file alone.",
            "Every stscreds command finds the profile's keys in the vault either way."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  stscreds init --profile dev",
            "  stscreds init --profile dev --csv ~/Downloads/jon_accessKeys.csv",
            "  AWS_ACCESS_KEY_ID=AKIA… AWS_SECRET_ACCESS_KEY=… stscreds init -p dev --from-env"
        })
public final class InitCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    @ArgGroup(exclusive = true)
    From from;

    @Option(names = "--no-config", description = "Do not add the credential_process line to the config file.")
    boolean noConfig;

    static final class From {
        @Option(names = "--from-env", description = "Read AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
        boolean env;

        @Option(names = "--csv", paramLabel = "FILE", description = "Read the access-key CSV file of the IAM console.")
        Path csv;
    }

    @Override
    public Integer call() {
        String name = profile.profile(root);
        Credentials keys = from != null && from.csv != null ? AccessKeyCsv.read(from.csv)
                : from != null && from.env ? fromEnvironment()
                : prompt(name);
        root.vault().put(name, keys);
        var out = spec.commandLine().getOut();
        out.println("Stored " + Secrets.maskKeyId(keys.accessKeyId()) + " for profile " + name
                + " in " + root.vault().describe() + ".");
        String command = root.settings().environmentVariable("STSCREDS_COMMAND").orElse("stscreds");
        if (noConfig) {
            out.println("Left the config file alone (--no-config): stscreds commands find the keys; for other AWS tools add to");
            out.println("[" + section(name) + "] of " + ProfileFileLocations.configFile(root.settings()) + ":");
            out.println("  credential_process = " + VaultConfigLine.line(command, name));
        } else {
            VaultConfigLine.Result r = VaultConfigLine.write(root.context(), name, command);
            switch (r.outcome()) {
                case ADDED -> out.println("Added credential_process = " + r.line() + " to [" + section(name) + "] of "
                        + r.configFile() + ".");
                case ALREADY_THERE -> out.println("[" + section(name) + "] of " + r.configFile()
                        + " already asks stscreds for these keys.");
                case LEFT_ALONE -> out.println("Left [" + section(name) + "] of " + r.configFile() + " unchanged: "
                        + r.reason().orElseThrow() + ", which decides where its credentials come from.");
            }
            r.plaintextKeys().ifPresent(k -> out.println("Note: " + k.location() + " still holds plaintext keys for profile "
                    + name + ", which the AWS CLI uses before credential_process; delete aws_access_key_id and"
                    + " aws_secret_access_key from that section."));
        }
        out.println("Try it: stscreds exec " + name + " -- aws sts get-caller-identity");
        return ExitCodes.OK;
    }

    /** How the profile's section is headed in the config file. */
    private static String section(String profile) {
        return profile.equals("default") ? "default" : "profile " + profile;
    }

    private Credentials fromEnvironment() {
        return Keys.longTerm(root.settings().environmentVariable(Setting.ACCESS_KEY_ID).orElse(null),
                root.settings().environmentVariable(Setting.SECRET_ACCESS_KEY).orElse(null), "the environment");
    }

    private Credentials prompt(String name) {
        Console console = System.console();
        if (console == null) {
            throw new CredentialsException("no terminal to ask for the keys of profile " + name + " on",
                    "use --from-env or --csv FILE");
        }
        String id = console.readLine("Access key ID for profile %s: ", name);
        char[] secret = console.readPassword("Secret access key: ");
        return Keys.longTerm(id, secret == null ? null : new String(secret), "the terminal");
    }
}
