package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.SsoTargetOptions;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.sso.SsoProfiles;
import dev.stscreds.sso.SsoSession;
import dev.stscreds.sso.SsoSessionConfig;
import dev.stscreds.sso.SsoTokenCache;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds sso profiles}: every account and role the login reaches, and optionally a profile for each. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = {"List every account and role the IAM Identity Center login reaches, with the profile that uses each.",
            "--write adds a [profile <account-name>-<role>] section for each one without a profile to the config file;"
            + " every other line of the file stays as it is."},
        footerHeading = "%nExamples:%n",
        footer = {"  stscreds sso profiles --sso-session corp",
            "  stscreds sso profiles --sso-session corp --write"})
public final class SsoProfilesCommand implements Callable<Integer> {
    @ParentCommand
    SsoCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    SsoTargetOptions target;

    @Option(names = "--write", description = "Add the missing profiles to the config file.")
    boolean write;

    @Override
    public Integer call() {
        var root = parent.root();
        SsoSessionConfig config = target.config(root);
        SsoSession session = new SsoSession(config, SsoTokenCache.forSettings(root.settings()), root.clock(),
                target.network(root));
        ProfileSet profiles = ProfileSet.load(root.settings());
        List<SsoProfiles.Entry> entries = SsoProfiles.entries(session.accountsWithRoles(), config, profiles);
        PrintWriter out = spec.commandLine().getOut();
        List<SsoProfiles.Entry> written = write ? SsoProfiles.writeMissing(entries, config, profiles) : List.of();
        for (SsoProfiles.Entry e : entries) {
            String profile = e.existingProfile().map(p -> "profile " + p)
                    .orElse(written.contains(e) ? "profile " + e.profileName() + " (added)" : "no profile (would be " + e.profileName() + ")");
            out.printf("%s  %-24s  %-32s  %s%n", e.accountId(), e.accountName(), e.roleName(), profile);
        }
        if (entries.isEmpty()) out.println("The login reaches no account.");
        if (write) {
            out.println("Added " + written.size() + " profile" + (written.size() == 1 ? "" : "s") + " to " + profiles.configFile() + ".");
        }
        return ExitCodes.OK;
    }
}
