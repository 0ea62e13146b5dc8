package dev.stscreds.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import dev.stscreds.cli.sandbox.AotTraining;
import dev.stscreds.config.Settings;

/** The {@code stscreds} entry point. */
public final class Main {
    /** The argument bin/stscreds passes for the AOT cache's training run; not a user command. */
    static final String AOT_TRAINING = "--aot-training";

    private Main() {}

    public static void main(String[] args) {
        // UTF-8 whatever the locale: under LANG=C (containers, cron, CI) Java 17 would print '?' for
        // the '…' of masked key ids and the arrows of profile chains.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        if (args.length == 1 && args[0].equals(AOT_TRAINING)) {
            // bin/stscreds records the JDK's AOT cache from this run: the credential-process path only,
            // so that the cache does not make every start load the command-line parser.
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            AotTraining.run(Clock.systemUTC(), settings -> CredentialProcessFastPath.parse(
                    new String[] {"credential-process", "--profile", "role"}).orElseThrow().run(settings, Clock.systemUTC(), discard, discard));
            System.exit(ExitCodes.OK);
        }
        var fastPath = CredentialProcessFastPath.parse(args);
        if (fastPath.isPresent()) {
            int status = fastPath.get().run(Settings.fromSystem(), Clock.systemUTC(), out, err);
            if (status != ExitCodes.OK) System.exit(status);
            // Success ends by returning: from JDK 21 on, System.exit first sets up System.Logger to log
            // the exit, which looks through every jar for a logger service. The fast path starts no
            // thread that could keep the JVM alive (the refresh pool's threads are daemons).
            return;
        }
        System.exit(StscredsCommand.run(args, out, err));
    }
}
