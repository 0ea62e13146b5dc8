package dev.stscreds.differential;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stscreds.wire.JsonDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived process running a peer's default credential chain over cases sent as JSON lines: botocore
 * ({@code differential/botocore_driver.py}) or the AWS SDK for JavaScript v3 ({@code src/test/js/js_driver.mjs}).
 * Starting the peer once instead of once per case is what makes thousands of cases fit in a test run.
 */
final class PeerDriver implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    private PeerDriver(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** A python that imports botocore: the pyenv one of the AWS CLI first, then python3 on the PATH; empty if none. */
    static Optional<String> findPython() {
        List<String> candidates = new ArrayList<>();
        String pyenvRoot = System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv");
        candidates.add(pyenvRoot + "/shims/python3");
        candidates.add("/root/.pyenv/shims/python3");
        candidates.add("python3");
        for (String python : candidates) {
            if (python.startsWith("/") && !Files.isExecutable(Path.of(python))) continue;
            try {
                Process p = new ProcessBuilder(python, "-c", "import botocore").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) return Optional.of(python);
            } catch (IOException | InterruptedException e) {
                // try the next
            }
        }
        return Optional.empty();
    }

    static PeerDriver botocore(String python, Path workDir) throws IOException {
        Path script = workDir.resolve("botocore_driver.py");
        try (InputStream resource = PeerDriver.class.getResourceAsStream("/differential/botocore_driver.py")) {
            Files.write(script, resource.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder(python, script.toString())
                .redirectError(workDir.resolve("botocore_driver.stderr").toFile());
        pb.environment().put("PYTHONUNBUFFERED", "1");
        return new PeerDriver(pb.start());
    }

    /** The folder of the JavaScript driver when its packages are installed ({@code npm ci} there), else empty. */
    static Optional<Path> javascriptFolder() {
        Path folder = Path.of("src/test/js").toAbsolutePath();
        if (!Files.isDirectory(folder.resolve("node_modules/@aws-sdk/credential-provider-node"))) return Optional.empty();
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(folder) : Optional.empty();
        } catch (IOException | InterruptedException e) {
            return Optional.empty();
        }
    }

    static PeerDriver javascript(Path folder, Path workDir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("node", folder.resolve("js_driver.mjs").toString())
                .directory(folder.toFile())
                .redirectError(workDir.resolve("js_driver.stderr").toFile());
        return new PeerDriver(pb.start());
    }

    /** Sends one case; answers come back in order through {@link #answer()}. */
    void send(int id, Map<String, String> env) throws IOException {
        StringWriter line = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(line)) {
            g.writeStartObject();
            g.writeNumberField("id", id);
            g.writeObjectFieldStart("env");
            for (Map.Entry<String, String> e : env.entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
            g.writeEndObject();
        }
        in.write(line + "\n");
        in.flush();
    }

    Outcome answer() throws IOException {
        String line = out.readLine();
        if (line == null) throw new IOException("the peer driver ended early; see its .stderr file");
        JsonDocument doc = JsonDocument.parseObject(line, "the peer driver's answer");
        if (!Boolean.TRUE.equals(doc.raw("ok"))) return Outcome.failed(doc.string("error").orElse("?"));
        return Outcome.answered(doc.string("method").orElse("unnamed"), doc.string("access_key").orElse(""),
                doc.string("secret_key").orElse(""), doc.string("token"), doc.string("account_id"));
    }

    @Override
    public void close() throws IOException {
        in.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
