package dev.stscreds.cli;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import dev.stscreds.cli.sandbox.AotTraining;
import dev.stscreds.config.Settings;

/** The {@code stscreds} entry point. */
public final class Main {
    /** The arguments bin/stscreds passes for its AOT caches' training runs; not user commands. */
    static final String AOT_TRAINING_HOME = "--aot-training-home";
    static final String AOT_TRAINING_COMMANDS = "--aot-training-commands";

    private Main() {}

    public static void main(String[] args) {
        // UTF-8 whatever the locale: under LANG=C (containers, cron, CI) Java 17 would print '?' for
        // the '…' of masked key ids and the arrows of profile chains.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        if (args.length == 2 && args[0].equals(AOT_TRAINING_HOME)) {
            try {
                AotTraining.writeCacheHitHome(Path.of(args[1]), Instant.now().plus(Duration.ofDays(1)));
            } catch (IOException e) {
                err.println("stscreds: could not write the AOT training home " + args[1] + ": " + e.getMessage());
                System.exit(1); // bin/stscreds then records no cache-hit archive
            }
            System.exit(ExitCodes.OK);
        }
        if (args.length == 1 && args[0].equals(AOT_TRAINING_COMMANDS)) {
            train(err);
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

    /** bin/stscreds records the AOT cache of every command but credential-process from this run (see {@link AotTraining}). */
    private static void train(PrintStream err) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Clock clock = Clock.systemUTC();
        AotTraining.commands((args, settings) -> StscredsCommand.run(args, settings, clock, discard, err));
    }
}
