package dev.stscreds.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stscreds.testing.Python3;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of hostile strings, each put in turn into the key id, the secret, the session token,
 * the expiration and the region, through every format. Checked in Java for every string and
 * format (the value comes back exactly, or the format refuses naming the field and not the
 * value), then evaluated in the real shells: bash, dash, fish, and PowerShell where it is
 * installed. Only the intended variables change, each to exactly its value, and nothing runs.
 *
 * <p>The hostile values reach the formats through {@link CredentialFields}' constructor: the checks
 * where values enter stscreds would refuse them all before any format sees them.
 */
class HostileValuesInEveryFormatTest {
    private static final long SEED = 20261208L;
    private static final int RANDOM_STRINGS = 4000;
    private static final List<String> HOSTILE = HostileStrings.generate(SEED, RANDOM_STRINGS);
    private static final List<String> VARIABLES = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_CREDENTIAL_EXPIRATION", "AWS_REGION", "AWS_DEFAULT_REGION");
    private static final JsonFactory JSON = new JsonFactory();

    @TempDir
    Path dir;

    /** Case i puts hostile string i into field i % 5 and plain values everywhere else. */
    private static CredentialFields fields(int i) {
        String h = HOSTILE.get(i);
        int f = i % 5;
        return new CredentialFields(f == 0 ? h : "ASIAIOSFODNN7EXAMPLE", f == 1 ? h : "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                f == 2 ? h : "IQoJb3JpZ2luX2VjEJr//////////wEa+=", f == 3 ? h : "2026-12-08T01:00:00Z", null,
                f == 4 ? h : "eu-west-1");
    }

    private static List<String> values(CredentialFields c) {
        return List.of(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration(), c.region(), c.region());
    }

    /** The rendered text, or null when the format refused; a refusal must name a field and not show the value. */
    private static String renderOrRefusal(CredentialsFormat format, int i) {
        try {
            return format.render(fields(i), "case" + i);
        } catch (UnwritableValueException e) {
            String h = HOSTILE.get(i);
            assertThat(e.getMessage()).as("refusal of case %d by %s", i, format.formatName())
                    .containsAnyOf("AWS_", "aws_", "region", "expiration").contains(format.formatName());
            if (h.length() >= 4 && !PlainText.isPlain(h)) assertThat(e.getMessage()).doesNotContain(h);
            return null;
        }
    }

    @Test
    void everyFormatCarriesEachValueExactlyOrRefusesIt() throws IOException {
        Map<CredentialsFormat, Integer> written = new LinkedHashMap<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            CredentialFields c = fields(i);
            String h = HOSTILE.get(i);
            boolean plain = PlainText.isPlain(h);
            String header = "[case" + i + "]";
            for (CredentialsFormat format : CredentialsFormat.values()) {
                String text = renderOrRefusal(format, i);
                if (text == null) {
                    assertThat(plain).as("%s refused a plain value", format).isFalse();
                    switch (format) {
                        case ENV, FISH, POWERSHELL -> assertThat(h).as("shells refuse only NUL").contains("\0");
                        case JSON, PROCESS -> fail("JSON carries any value");
                        default -> { }
                    }
                    continue;
                }
                written.merge(format, 1, Integer::sum);
                switch (format) {
                    case JSON -> assertThat(jsonObject(text)).isEqualTo(zip(VARIABLES, values(c)));
                    case PROCESS -> {
                        Map<String, String> expected = new LinkedHashMap<>();
                        expected.put("Version", "1");
                        expected.putAll(zip(List.of("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"), values(c)));
                        assertThat(jsonObject(text)).isEqualTo(expected);
                    }
                    case ENV_NO_EXPORT, WINDOWS_CMD -> assertThat(plain).as("only plain values are written bare").isTrue();
                    case INI -> assertThat(text.split("\n", -1)).as("one line per key, nothing more").hasSize(7)
                            .allMatch(l -> l.isEmpty() || l.equals(header) || l.matches("[a-z_]+ = [!-~]+"));
                    case POWERSHELL -> assertThat(powerShellVariables(text)).isEqualTo(zip(VARIABLES, values(c)));
                    default -> { }
                }
            }
        }
        System.out.println("formats over " + HOSTILE.size() + " hostile strings (seed " + SEED + "), texts written: " + written);
        assertThat(written.get(CredentialsFormat.ENV)).isGreaterThan(HOSTILE.size() / 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "dash"})
    void posixShellsEvaluateExportLinesToExactlyTheValues(String shell) throws Exception {
        evaluate(shell, CredentialsFormat.ENV,
                i -> "unset " + String.join(" ", VARIABLES) + "\n",
                "printf '%s\\0' " + VARIABLES.stream().map(v -> "\"$" + v + "\"").collect(Collectors.joining(" ")) + " >> values.bin\n",
                "env -0 > %s\n", ".sh", shell);
    }

    @Test
    void fishSourcesItsLinesToExactlyTheValues() throws Exception {
        evaluate("fish", CredentialsFormat.FISH,
                i -> VARIABLES.stream().map(v -> "set -e " + v + "\n").collect(Collectors.joining()),
                "printf '%s\\0' " + VARIABLES.stream().map(v -> "\"$" + v + "\"").collect(Collectors.joining(" ")) + " >> values.bin\n",
                "env -0 > %s\n", ".fish", "fish", "--no-config");
    }

    @Test
    void powerShellEvaluatesItsLinesToExactlyTheValues() throws Exception {
        Assumptions.assumeTrue(onPath("pwsh"), () -> skip("pwsh is not installed (PowerShell has no Debian package);"
                + " its quoting is checked against the language's verbatim-string rule in everyFormatCarriesEachValueExactlyOrRefusesIt"));
        evaluate("pwsh", CredentialsFormat.POWERSHELL,
                i -> VARIABLES.stream().map(v -> "Remove-Item Env:" + v + " -ErrorAction SilentlyContinue\n").collect(Collectors.joining()),
                VARIABLES.stream().map(v -> "[IO.File]::AppendAllText(\"$PWD/values.bin\", $Env:" + v + " + [char]0)\n")
                        .collect(Collectors.joining()),
                "[IO.File]::WriteAllText(\"$PWD/%s\", ((Get-ChildItem Env: | ForEach-Object { $_.Name + '=' + $_.Value + [char]0 }) -join ''))\n",
                ".ps1", "pwsh", "-NoProfile", "-NonInteractive", "-File");
    }

    @Test
    void botocoreReadsTheIniSectionsBackToExactlyTheValues() throws Exception {
        StringBuilder file = new StringBuilder();
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String text = renderOrRefusal(CredentialsFormat.INI, i);
            if (text == null) continue;
            file.append(text);
            CredentialFields c = fields(i);
            expected.put("case" + i, zip(List.of("aws_access_key_id", "aws_secret_access_key", "aws_session_token",
                    "expiration", "region"), values(c)));
        }
        Path ini = Files.writeString(dir.resolve("credentials"), file, StandardCharsets.UTF_8);
        List<String> out = Python3.run(String.join("\n",
                "import json, sys",
                "from botocore.configloader import raw_config_parse",
                "print(json.dumps(raw_config_parse(sys.stdin.readline().strip()), sort_keys=True))"),
                List.of(ini.toString()), "botocore");
        Map<String, Map<String, String>> read = new HashMap<>();
        try (JsonParser p = JSON.createParser(out.get(0))) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String section = p.currentName();
                p.nextToken();
                read.put(section, readObject(p));
            }
        }
        assertThat(read).isEqualTo(expected);
        System.out.println("botocore read back " + expected.size() + " INI sections");
    }

    /**
     * Writes one script: per case, clear the variables, the rendered text, then print the
     * variables NUL-separated; the environment is recorded before and after. Then checks values,
     * environment and that no file was made.
     */
    private void evaluate(String shell, CredentialsFormat format, Function<Integer, String> clear, String print,
            String dumpEnvironment, String suffix, String... command) throws Exception {
        Assumptions.assumeTrue(onPath(shell), () -> skip(shell + " is not on PATH"));
        StringBuilder script = new StringBuilder(String.format(dumpEnvironment, "before.env"));
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String text = renderOrRefusal(format, i);
            if (text == null) continue;
            script.append(clear.apply(i)).append(text).append(print);
            expected.add(values(fields(i)));
        }
        script.append(String.format(dumpEnvironment, "after.env"));
        Path file = Files.writeString(dir.resolve("script" + suffix), script, StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>(Arrays.asList(command));
        argv.add(file.toString());
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().remove("PWNED");
        VARIABLES.forEach(pb.environment()::remove);
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(shell + " finished").isTrue();
        String output = Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(shell + " said: " + output).isZero();
        assertThat(output).as("the script prints nothing of its own").isEmpty();

        List<String> got = splitNul(Files.readAllBytes(dir.resolve("values.bin")));
        assertThat(got).hasSize(expected.size() * VARIABLES.size());
        for (int k = 0; k < expected.size(); k++) {
            assertThat(got.subList(k * VARIABLES.size(), (k + 1) * VARIABLES.size())).as("case %d in %s", k, shell)
                    .isEqualTo(expected.get(k));
        }
        Map<String, String> before = environment(dir.resolve("before.env"));
        Map<String, String> after = environment(dir.resolve("after.env"));
        Set<String> changed = new TreeSet<>();
        for (String name : union(before.keySet(), after.keySet())) {
            if (!java.util.Objects.equals(before.get(name), after.get(name))) changed.add(name);
        }
        changed.remove("_");
        assertThat(changed).as("variables changed by " + shell).isSubsetOf(VARIABLES);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()))
                    .as("files in the shell's folder: nothing was run").containsExactlyInAnyOrder(
                            "script" + suffix, "output.txt", "values.bin", "before.env", "after.env");
        }
        System.out.println(shell + ": evaluated " + expected.size() + " " + format.formatName() + " texts of "
                + HOSTILE.size() + " hostile strings; every value exact, no other variable, no file made");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private static Map<String, String> environment(Path file) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String entry : splitNul(Files.readAllBytes(file))) {
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return env;
    }

    private static List<String> splitNul(byte[] bytes) {
        List<String> parts = new ArrayList<>();
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        for (byte b : bytes) {
            if (b == 0) {
                parts.add(part.toString(StandardCharsets.UTF_8));
                part.reset();
            } else {
                part.write(b);
            }
        }
        return parts;
    }

    private static Map<String, String> zip(List<String> names, List<String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) m.put(names.get(i), values.get(i));
        return m;
    }

    private static Map<String, String> jsonObject(String text) throws IOException {
        try (JsonParser p = JSON.createParser(text)) {
            p.nextToken();
            Map<String, String> m = readObject(p);
            assertThat(p.nextToken()).as("one document").isNull();
            return m;
        }
    }

    private static Map<String, String> readObject(JsonParser p) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            m.put(name, p.getText());
        }
        return m;
    }

    /** Reads {@code $Env:NAME=<literal>} lines by PowerShell's string rules; nothing may follow a literal. */
    private static Map<String, String> powerShellVariables(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            assertThat(text.startsWith("$Env:", i)).as("a line starts with $Env:").isTrue();
            int eq = text.indexOf('=', i);
            String name = text.substring(i + 5, eq);
            String value;
            int end;
            if (text.charAt(eq + 1) == '"') {
                end = text.indexOf('"', eq + 2) + 1;
                value = text.substring(eq + 2, end - 1);
                assertThat(PlainText.isPlain(value)).as("double quotes hold plain values only").isTrue();
            } else {
                PowerShellVerbatimString.Read read = PowerShellVerbatimString.read(text, eq + 1);
                value = read.value();
                end = read.end();
            }
            assertThat(text.charAt(end)).as("the line ends after the literal").isEqualTo('\n');
            vars.put(name, value);
            i = end + 1;
        }
        return vars;
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) return true;
        }
        return false;
    }

    private static String skip(String reason) {
        System.out.println("skipped: " + reason);
        return reason;
    }
}
