package dev.stscreds.source;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a command once: stdin inherited from this process (so a prompt on the terminal works),
 * stdout kept up to a limit, the end of stderr kept for error messages, and a timeout that kills
 * the command together with everything it started.
 *
 * <p>Threads: each run drains stdout and stderr on two daemon threads of its own that end with the
 * run (see {@link StreamCapture}). They belong to the run, not to a provider, so nothing needs
 * closing and an idle provider holds no thread. The one exception is a command that leaves a
 * background process holding its stdout or stderr open: the run still returns when the command
 * exits (after {@link #STREAM_GRACE}), and the reading thread ends when that background process
 * closes the pipe.
 */
final class CommandRunner {
    /** How long to wait, once the command has exited, for the last of its output to arrive. */
    static final Duration STREAM_GRACE = Duration.ofMillis(500);
    static final int STDERR_TAIL_BYTES = 4096;

    private final List<String> argv;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final int outputLimit;

    /**
     * @param environment the child's whole environment, or null to inherit this process's
     */
    CommandRunner(List<String> argv, Map<String, String> environment, Duration timeout, int outputLimit) {
        this.argv = List.copyOf(argv);
        this.environment = environment == null ? null : Map.copyOf(environment);
        this.timeout = timeout;
        this.outputLimit = outputLimit;
    }

    /**
     * @throws IOException if the command could not be started at all (no shell)
     * @throws InterruptedException if the calling thread is interrupted; the command is killed first
     */
    CommandResult run() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(Redirect.INHERIT);
        if (environment != null) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        Process process = builder.start();
        try (InputStream stdoutStream = process.getInputStream();
             InputStream stderrStream = process.getErrorStream()) {
            StreamCapture stdout = StreamCapture
                    .keepingFirst(stdoutStream, outputLimit, () -> destroyTree(process))
                    .start("credential process stdout " + process.pid());
            StreamCapture stderr = StreamCapture
                    .keepingLast(stderrStream, STDERR_TAIL_BYTES)
                    .start("credential process stderr " + process.pid());

            boolean exited;
            try {
                exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
                if (!exited) destroyTree(process);
                long graceEnd = System.nanoTime() + STREAM_GRACE.toNanos();
                stdout.awaitEnd(Duration.ofNanos(graceEnd - System.nanoTime()));
                stderr.awaitEnd(Duration.ofNanos(graceEnd - System.nanoTime()));
            } catch (InterruptedException e) {
                destroyTree(process);
                throw e;
            }
            // Overflow first: a command that floods stdout may also exit before it is killed.
            CommandResult.Ending ending = stdout.overflowed() ? CommandResult.Ending.OUTPUT_TOO_LARGE
                    : exited ? CommandResult.Ending.EXITED
                    : CommandResult.Ending.TIMED_OUT;
            int status = ending == CommandResult.Ending.EXITED ? process.exitValue() : -1;
            return new CommandResult(ending, status, stdout.bytes(), tailText(stderr));
        }
    }

    /**
     * Kills the process and all its descendants. Descendants first: once the parent is gone its
     * children are re-parented and can no longer be found from it.
     */
    static void destroyTree(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void destroyTree(Process process) {
        destroyTree(process.toHandle());
    }

    private static String tailText(StreamCapture stderr) {
        String text = new String(stderr.bytes(), StandardCharsets.UTF_8).strip();
        return stderr.truncated() && !text.isEmpty() ? "…" + text : text;
    }
}
