package dev.stscreds.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the machine's {@code python3} once as a reference implementation: input lines go in on
 * stdin (UTF-8), output lines come back. When python3, or a module the script needs, is missing
 * the calling test is skipped (not failed) with a message saying so.
 */
public final class Python3 {
    private static final long TIMEOUT_SECONDS = 60;

    private Python3() {}

    public static List<String> run(String script, List<String> inputLines, String... requiredModules)
            throws IOException, InterruptedException {
        for (String module : requiredModules) {
            Result probe = exec("import " + module, List.of());
            Assumptions.assumeTrue(probe.exitCode == 0,
                    () -> "skipped: python3 has no module " + module + " (" + lastLine(probe.stderr) + ")");
        }
        Result result = exec(script, inputLines);
        if (result.exitCode != 0) {
            throw new AssertionError("python3 failed with exit code " + result.exitCode + ":\n" + result.stderr);
        }
        return result.stdout;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static Result exec(String script, List<String> inputLines) throws IOException, InterruptedException {
        Path in = Files.createTempFile("python3-in", ".txt");
        Path out = Files.createTempFile("python3-out", ".txt");
        Path err = Files.createTempFile("python3-err", ".txt");
        try {
            Files.write(in, inputLines, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder("python3", "-c", script)
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("PYTHONIOENCODING", "utf-8");
            pb.environment().put("PYTHONUTF8", "1");
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                Assumptions.abort("skipped: python3 is not on PATH (" + e.getMessage() + ")");
                throw e;
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("python3 did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static final class Result {
        final int exitCode;
        final List<String> stdout;
        final String stderr;

        Result(int exitCode, List<String> stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }
    }
}
