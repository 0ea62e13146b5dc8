package dev.stscreds.vault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a helper program (pass, keyctl) with secrets only on its stdin, never in its arguments
 * (which every user of the machine can read in /proc), and gives up after a timeout so that a
 * helper waiting for a pinentry nobody sees cannot hang the caller.
 */
public final class ExternalCommand {
    private final Map<String, String> environment;
    private final Duration timeout;

    public ExternalCommand(Map<String, String> environment, Duration timeout) {
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    /** What a finished program answered; the caller wipes {@link #stdout()} when it held a secret. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        public String stdoutText() {
            return new String(stdout, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Result[exit " + exitCode + "]";
        }
    }

    /** Thrown when the program cannot start or does not finish in time. */
    public static final class Failure extends IOException {
        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Result run(List<String> command, byte[] stdin) throws Failure {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Failure("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = drain(process.getInputStream(), out);
        Thread errReader = drain(process.getErrorStream(), err);
        try {
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) in.write(stdin);
            } catch (IOException ignored) {
                // the program exited without reading everything; its exit code tells why
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new Failure(command.get(0) + " did not answer within " + timeout.toSeconds()
                        + "s (waiting for a passphrase prompt nobody sees?)", null);
            }
            outReader.join();
            errReader.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Failure(command.get(0) + " was interrupted", e);
        }
        byte[] stdout = out.toByteArray();
        return new Result(process.exitValue(), stdout, err.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
    }

    private static Thread drain(InputStream from, ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException ignored) {
                // the process ended; what was read is kept
            }
        }, "stscreds-helper-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Overwrites a buffer that held a secret. */
    public static void wipe(byte[] secret) {
        if (secret != null) Arrays.fill(secret, (byte) 0);
    }
}
