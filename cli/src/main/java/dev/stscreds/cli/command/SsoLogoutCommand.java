package dev.stscreds.cli.command;

import dev.stscreds.cache.CliSessionCache;
import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.SsoTargetOptions;
import dev.stscreds.sso.SsoSession;
import dev.stscreds.sso.SsoSessionConfig;
import dev.stscreds.sso.SsoTokenCache;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds sso logout}: sign the token out at the portal and remove it from the cache. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Sign out of IAM Identity Center: the token stops working and leaves ~/.aws/sso/cache.",
        footerHeading = "%nExample:%n", footer = "  stscreds sso logout --sso-session corp")
public final class SsoLogoutCommand implements Callable<Integer> {
    @ParentCommand
    SsoCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    SsoTargetOptions target;

    @Override
    public Integer call() {
        var root = parent.root();
        SsoSessionConfig config = target.config(root);
        boolean removed = new SsoSession(config, SsoTokenCache.forSettings(root.settings()), root.clock(),
                target.network(root)).logout();
        // As the AWS CLI's sso logout: role credentials got with any SSO token go too.
        int roleSessions = CliSessionCache.forSettings(root.settings(), root.clock()).clear("sso");
        spec.commandLine().getOut().println((removed ? "Logged out of " + config.describe() + "."
                : "There was no token for " + config.describe() + ".")
                + (roleSessions > 0 ? " Removed " + roleSessions + " cached IAM Identity Center role session(s)." : ""));
        return ExitCodes.OK;
    }
}
