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
    /** The arguments bin/stscreds passes for its AOT caches' training runs; not user commands. */
    static final String AOT_TRAINING_CACHE_HIT = "--aot-training";
    static final String AOT_TRAINING_COMMANDS = "--aot-training-commands";

    private Main() {}

    public static void main(String[] args) {
        // UTF-8 whatever the locale: under LANG=C (containers, cron, CI) Java 17 would print '?' for
        // the '…' of masked key ids and the arrows of profile chains.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        if (args.length == 1 && (args[0].equals(AOT_TRAINING_CACHE_HIT) || args[0].equals(AOT_TRAINING_COMMANDS))) {
            train(args[0], err);
            System.exit(ExitCodes.OK);
        }
        var fastPath = CredentialProcessFastPath.parse(args);
        if (fastPath.isPresent()) {
            int status = fastPath.get().run(Settings.fromSystem(), Clock.systemUTC(), out, err);
            if (status != ExitCodes.OK) System.exit(status);
            // Success ends by returning: from JDK 21 on, System.exit first sets up System.Logger to log
            // the exit, which scans every jar for a LoggerFinder (~20 ms of a cache hit). The fast path
            // starts no thread that could keep the JVM alive (the refresh pool's threads are daemons).
            return;
        }
        System.exit(StscredsCommand.run(args, out, err));
    }

    /** bin/stscreds records the JDK's AOT caches from these runs (see {@link AotTraining}). */
    private static void train(String which, PrintStream err) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Clock clock = Clock.systemUTC();
        if (which.equals(AOT_TRAINING_CACHE_HIT)) {
            AotTraining.cacheHit(clock, (settings, profile) -> {
                int status = CredentialProcessFastPath.parse(new String[] {"credential-process", "--profile", profile})
                        .orElseThrow().run(settings, clock, discard, err);
                if (status != ExitCodes.OK) throw new IllegalStateException("the AOT training run failed: " + status);
            });
        } else {
            AotTraining.commands((args, settings) -> StscredsCommand.run(args, settings, clock, discard, err));
        }
    }
}
