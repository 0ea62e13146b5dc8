package dev.stscreds.testkit.sts;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real AWS CLI against a local endpoint, with credentials only from the environment it is
 * given: empty config and credentials files, no metadata lookups, no proxy, a throwaway HOME.
 */
final class AwsCli {
    record Result(int exitCode, String stdout, String stderr) {}

    private final Path executable;
    private final Path home;

    private AwsCli(Path executable, Path home) {
        this.executable = executable;
        this.home = home;
    }

    /** The CLI if one runs here: {@code pyenv which aws} first, else {@code aws} on PATH. */
    static Optional<AwsCli> find(Path tempDir) {
        List<Path> candidates = new ArrayList<>();
        pyenvAws().ifPresent(candidates::add);
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(Path.of(dir, "aws"));
        }
        for (Path p : candidates) {
            if (!Files.isExecutable(p)) continue;
            AwsCli cli = new AwsCli(p, tempDir);
            try {
                if (cli.run(Map.of(), URI.create("http://127.0.0.1:1"), "--version").exitCode() == 0) return Optional.of(cli);
            } catch (RuntimeException e) {
                // not a working CLI (a shim without its environment, say): try the next one
            }
        }
        return Optional.empty();
    }

    /** {@code aws --endpoint-url ENDPOINT ARGS… --output json} with these extra environment variables. */
    Result run(Map<String, String> env, URI endpoint, String... args) {
        try {
            Path config = Files.writeString(home.resolve("config"), "");
            Path credentials = Files.writeString(home.resolve("credentials"), "");
            List<String> command = new ArrayList<>(List.of(executable.toString()));
            if (!List.of(args).contains("--version")) {
                command.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json"));
            }
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command);
            Map<String, String> e = pb.environment();
            String path = System.getenv("PATH");
            e.clear();
            e.put("PATH", path == null ? "/usr/bin:/bin" : path);
            e.put("HOME", home.toString());
            e.put("AWS_CONFIG_FILE", config.toString());
            e.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
            e.put("AWS_DEFAULT_REGION", "us-east-1");
            e.put("AWS_EC2_METADATA_DISABLED", "true");
            e.put("AWS_PAGER", "");
            e.put("AWS_MAX_ATTEMPTS", "1");
            e.put("NO_PROXY", "127.0.0.1");
            e.putAll(env);
            Path out = home.resolve("stdout");
            Path err = home.resolve("stderr");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = pb.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("aws " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Map<String, String> credentials(QueryClient.Creds c) {
        return c.token() == null
                ? Map.of("AWS_ACCESS_KEY_ID", c.accessKeyId(), "AWS_SECRET_ACCESS_KEY", c.secret())
                : Map.of("AWS_ACCESS_KEY_ID", c.accessKeyId(), "AWS_SECRET_ACCESS_KEY", c.secret(), "AWS_SESSION_TOKEN", c.token());
    }

    private static Optional<Path> pyenvAws() {
        try {
            Process p = new ProcessBuilder("pyenv", "which", "aws").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) return Optional.of(Path.of(out));
        } catch (IOException e) {
            // no pyenv here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
