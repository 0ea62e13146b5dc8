package dev.stscreds.cli.command;

import dev.stscreds.cli.ExitCodes;
import dev.stscreds.cli.ProfileOptions;
import dev.stscreds.cli.StscredsCommand;
import dev.stscreds.refresh.RefreshPolicy;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.resolve.ResolveOptions;
import dev.stscreds.resolve.RolesByArn;
import dev.stscreds.serve.CredentialServer;
import dev.stscreds.serve.RequestLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stscreds serve}: the profile's credentials on a local container or instance-metadata endpoint. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the profile's credentials on 127.0.0.1 as a container endpoint or as instance metadata.",
            "SDKs, the AWS CLI and containers read them there and come back when they expire; the server refreshes them"
                + " ahead of expiry, so no request waits on STS, and while STS fails or hangs it serves the session it holds"
                + " until that expires, retrying and logging each failed try. The variables to give clients are printed on stdout.",
            "Only this machine is served; the Host header must name the server (no DNS rebinding); the container endpoint"
                + " needs its 256-bit token, instance metadata an IMDSv2 token. Long-term keys are never served.",
            "One line per request and per refusal goes to stderr (or --log-file); a log nobody reads never holds up a"
                + " request: past " + RequestLog.CAPACITY + " waiting lines, lines are dropped and counted."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  stscreds serve -p dev",
            "  stscreds serve -p dev --port 9911 --token-file ~/.stscreds/container-token",
            "  docker run --network host -e AWS_CONTAINER_CREDENTIALS_FULL_URI=... -e AWS_CONTAINER_AUTHORIZATION_TOKEN=... image",
            "  stscreds serve -p dev --imds",
            "  stscreds serve -p dev --quiet --log-file ~/.stscreds/serve.log"
        })
public final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    StscredsCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ProfileOptions profile;

    static final class ModeChoice {
        @Option(names = "--ecs", description = "A container credentials endpoint (the default).")
        boolean ecs;

        @Option(names = "--imds", description = "Instance metadata (IMDSv2).")
        boolean imds;
    }

    @ArgGroup(exclusive = true)
    ModeChoice mode;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "The port (default: a free one).")
    int port;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Keep the container token in this file (read when it exists, else written, mode 0600).")
    Path tokenFile;

    @Option(names = "--imds-v1", description = "Also answer instance-metadata requests without a token (IMDSv1).")
    boolean imdsV1;

    @Option(names = "--allow-role-arn",
            description = "Also serve GET /role-arn/ARN: that role, assumed with the profile's credentials.")
    boolean allowRoleArn;

    @Option(names = "--quiet", description = "No log line for answered requests (refusals and failures are still logged).")
    boolean quiet;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Append the log to this file (created mode 0600) instead of stderr.")
    Path logFile;

    @Override
    public Integer call() throws InterruptedException {
        boolean imds = mode != null && mode.imds;
        String name = profile.profile(root);
        PrintWriter err = spec.commandLine().getErr();
        RequestLog log = logFile != null ? RequestLog.toFile(root.settings().expandHome(logFile.toString()), root.clock())
                : RequestLog.to(err, root.clock());
        // The session is served until it really expires while STS fails or hangs; each failed try is logged.
        ResolveOptions options = profile.resolveOptions(root).withRefreshPolicy(RefreshPolicy.serving())
                .withRefreshListener(failure -> log.accept(failure.describe()));
        ProfileCredentialsProvider credentials = new ProfileCredentialsProvider(root.settings(), name, root.clock(), options);
        CredentialServer.Builder builder = CredentialServer.builder(credentials)
                .mode(imds ? CredentialServer.Mode.IMDS : CredentialServer.Mode.ECS)
                .port(port).allowImdsV1(imdsV1).roleName(roleName(name)).clock(root.clock())
                .requireSessionFirst()
                .log(log).logAnsweredRequests(!quiet);
        if (tokenFile != null) builder.authorizationTokenFile(root.settings().expandHome(tokenFile.toString()));
        if (allowRoleArn) builder.roleAssumption(arn -> RolesByArn.assumedWith(root.settings(), name, arn, root.clock(), options));
        CredentialServer server;
        try {
            server = builder.start();
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        root.stopProgress();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            log.close();
            stopped.countDown();
        }, "stscreds-serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        for (Map.Entry<String, String> v : server.clientEnvironment().entrySet()) out.println(v.getKey() + "=" + v.getValue());
        out.flush();
        err.println("Serving profile " + name + " at " + server.credentialsUri() + " (" + (imds ? "instance metadata" : "container endpoint")
                + "); Ctrl-C stops.");
        err.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** Instance metadata lists a role name: the profile's, with any character a role name cannot hold replaced. */
    static String roleName(String profile) {
        String cleaned = profile.replaceAll("[^\\w+=,.@-]", "-");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
