package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.testkit.sts.VirtualMfa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user does, step by step, each step a separate run of the real {@code stscreds} (the
 * launcher linked into a PATH folder, as the README says) in a fresh home, against the testkit's
 * STS and IAM. Each journey checks what the user would look at: the output, the files, and the
 * text of every error and hint on the way.
 */
class JourneysIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "stscreds").toAbsolutePath().normalize();
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String ACCOUNT = LocalSts.DEFAULT_ACCOUNT;

    @TempDir
    Path home;

    private LocalSts sts;
    private AccessKey jon;
    private VirtualMfa mfa;
    private Path pathFolder;

    record Result(int code, String out, String err) {}

    @BeforeEach
    void world() throws IOException {
        sts = new LocalSts().start();
        sts.createUser("jon");
        jon = sts.createAccessKey("jon");
        mfa = sts.createVirtualMfa("jon");
        // "Link it into your PATH to use it as stscreds."
        pathFolder = Files.createDirectories(home.resolve("bin"));
        Files.createSymbolicLink(pathFolder.resolve("stscreds"), LAUNCHER);
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    /** The environment of a user's shell: their home, the PATH with stscreds, the vault's passphrase, the local STS. */
    private Map<String, String> shell() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", pathFolder + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Path javaHome = Path.of(System.getProperty("java.home"));
        env.put("JAVA_HOME", javaHome.toString());
        env.put("LANG", "C.UTF-8");
        env.put("AWS_ENDPOINT_URL", sts.endpoint().toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("STSCREDS_VAULT", "file");
        env.put("STSCREDS_VAULT_PASSPHRASE", PASSPHRASE);
        return env;
    }

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(args[0].equals("aws") || args[0].startsWith("/") ? args[0] : "stscreds");
        if (command.get(0).equals("stscreds")) command.set(0, pathFolder.resolve("stscreds").toString());
        command.addAll(List.of(args).subList(command.get(0).endsWith("stscreds") ? 0 : 1, args.length));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path outFile = Files.createTempFile(home, "out", ".txt");
        Path errFile = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished in time", String.join(" ", args)).isTrue();
        Result r = new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                Files.readString(errFile, StandardCharsets.UTF_8));
        Files.delete(outFile);
        Files.delete(errFile);
        return r;
    }

    private Result stscreds(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(env, args);
    }

    private Result ok(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Result r = run(env, args);
        assertThat(r.code()).as("stscreds %s failed: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    private Map<String, String> with(Map<String, String> env, String... pairs) {
        Map<String, String> copy = new HashMap<>(env);
        for (int i = 0; i < pairs.length; i += 2) copy.put(pairs[i], pairs[i + 1]);
        return copy;
    }

    private static String masked(String keyId) {
        return keyId.substring(0, 4) + "…" + keyId.substring(keyId.length() - 4);
    }

    private static String match(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }

    @Test
    void initThenExecEnvCredentialProcessWhoamiListThenAuthRotateRemove() throws Exception {
        Map<String, String> env = shell();
        Path config = home.resolve(".aws/config");

        // Before anything: the error says what to do from here.
        Result before = stscreds(env, "exec", "work", "--", "true");
        assertThat(before.code()).isEqualTo(1);
        assertThat(before.err()).isEqualTo("stscreds: profile work is not in " + config + " or " + home.resolve(".aws/credentials")
                + ", and encrypted file " + home.resolve(".stscreds/vault") + " has no keys for it\n"
                + "  hint: store its keys with `stscreds init --profile work`, or pick another profile with --profile or"
                + " AWS_PROFILE (`stscreds list` shows them)\n");

        Result init = ok(with(env, "AWS_ACCESS_KEY_ID", jon.accessKeyId(), "AWS_SECRET_ACCESS_KEY", jon.secretAccessKey()),
                "init", "--profile", "work", "--from-env");
        String line = LAUNCHER + " credential-process --profile work";
        assertThat(init.out()).isEqualTo("Stored " + masked(jon.accessKeyId()) + " for profile work in encrypted file "
                + home.resolve(".stscreds/vault") + ".\n"
                + "Added credential_process = " + line + " to [profile work] of " + config + ".\n"
                + "Try it: stscreds exec work -- aws sts get-caller-identity\n");
        assertThat(Files.readString(config)).isEqualTo("[profile work]\ncredential_process = " + line + "\n");

        // exec with the positional profile: a session, not the long-term key, and the marker for prompts.
        Result exec = ok(env, "exec", "work", "--", "sh", "-c", "echo \"$AWS_ACCESS_KEY_ID $STSCREDS_PROFILE ${AWS_SESSION_TOKEN:+token}\"");
        String sessionKey = match("^(ASIA\\w+) work token\\n$", exec.out());
        assertThat(sts.calls("GetSessionToken")).isEqualTo(1);

        assertThat(ok(env, "env", "-p", "work").out()).contains("AWS_ACCESS_KEY_ID=" + sessionKey + "\n");
        var process = dev.stscreds.wire.JsonDocument.parseObject(ok(env, "credential-process", "--profile", "work").out(), "output");
        assertThat(process.string("AccessKeyId")).contains(sessionKey);
        assertThat(ok(env, "whoami", "-p", "work").out())
                .isEqualTo("Account: " + ACCOUNT + "\nArn:     arn:aws:iam::" + ACCOUNT + ":user/jon\nUserId:  " + match("UserId:  (\\S+)", ok(env, "whoami", "-p", "work").out()) + "\n");
        assertThat(sts.calls("GetSessionToken")).as("env, credential-process and whoami reuse exec's session").isEqualTo(1);
        assertThat(ok(env, "list").out()).isEqualTo("work  long-term keys in the stscreds vault\n");

        // auth: an MFA session written into the profile; list shows it and what comes after it.
        Result auth = ok(env, "auth", "-p", "work", "--mfa-token", mfa.codeAt(Instant.now()), "--duration", "1h");
        assertThat(auth.out()).startsWith("Wrote an MFA session (" + mfa.serialNumber() + ") for profile work into "
                + home.resolve(".aws/credentials") + ": ASIA");
        String expiry = match("expires (\\S+Z)\\.", auth.out());
        // The session in the credentials file comes before credential_process, as for the AWS CLI.
        assertThat(ok(env, "list").out()).isEqualTo("work  session keys in the profile  (session expires " + expiry + ")\n");
        String mfaSession = ok(env, "read", "aws_access_key_id", "-p", "work").out().strip();
        assertThat(ok(env, "exec", "work", "--", "sh", "-c", "echo $AWS_ACCESS_KEY_ID").out()).isEqualTo(mfaSession + "\n");

        // rotate: a new key in IAM and in the vault; the old one is gone.
        Result rotate = ok(env, "rotate", "-p", "work");
        assertThat(rotate.out()).startsWith("Rotated profile work: " + masked(jon.accessKeyId()) + " deleted, AKIA");
        assertThat(sts.calls("CreateAccessKey")).isEqualTo(1);
        assertThat(sts.calls("DeleteAccessKey")).isEqualTo(1);

        // remove: the vault forgets the keys; list and a second remove say so, and what to do.
        assertThat(ok(env, "remove", "-p", "work").out())
                .isEqualTo("Removed the keys of profile work from encrypted file " + home.resolve(".stscreds/vault") + ".\n");
        assertThat(ok(env, "list").out()).isEqualTo("work  session keys in the profile  (session expires " + expiry + ")\n");
        Result again = stscreds(env, "remove", "-p", "work");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("stscreds: profile work has no keys in encrypted file " + home.resolve(".stscreds/vault")
                + "\n  hint: `stscreds list` shows the profiles that have\n");
        Result noKeys = stscreds(env, "credential-process", "-p", "work", "--no-session", "--endpoint-url", "http://127.0.0.1:1/");
        assertThat(noKeys.code()).as(noKeys.err()).isZero(); // the MFA session written by auth still answers
    }

    @Test
    void environmentKeysWithNoProfileAsInCi() throws Exception {
        Map<String, String> env = with(shell(), "AWS_ACCESS_KEY_ID", jon.accessKeyId(), "AWS_SECRET_ACCESS_KEY", jon.secretAccessKey());
        env.remove("STSCREDS_VAULT_PASSPHRASE"); // nothing may ask for a vault

        assertThat(ok(env, "whoami").out()).contains("Arn:     arn:aws:iam::" + ACCOUNT + ":user/jon\n");
        assertThat(ok(env, "env").out()).contains("AWS_ACCESS_KEY_ID=" + jon.accessKeyId() + "\n");
        assertThat(ok(env, "export").out()).containsPattern("(?m)^export AWS_ACCESS_KEY_ID='?" + jon.accessKeyId() + "'?$");
        assertThat(dev.stscreds.wire.JsonDocument.parseObject(ok(env, "credential-process").out(), "output").string("AccessKeyId"))
                .contains(jon.accessKeyId());
        assertThat(ok(env, "exec", "--", "sh", "-c", "echo $AWS_ACCESS_KEY_ID $STSCREDS_PROFILE").out())
                .isEqualTo(jon.accessKeyId() + " default\n");
        assertThat(ok(with(env, "AWS_REGION", "eu-west-1"), "env", "--region", "ap-south-1").out())
                .as("--region beats AWS_REGION").contains("AWS_REGION=ap-south-1\n");
        assertThat(Files.exists(home.resolve(".stscreds/vault"))).as("no vault was made").isFalse();
        assertThat(Files.exists(home.resolve(".aws"))).as("nothing was written to ~/.aws").isFalse();
    }

    @Test
    void awsProfileChoosesTheProfileAndProfileBeatsIt() throws Exception {
        Map<String, String> env = shell();
        sts.createUser("ana");
        AccessKey ana = sts.createAccessKey("ana");
        ok(with(env, "AWS_ACCESS_KEY_ID", jon.accessKeyId(), "AWS_SECRET_ACCESS_KEY", jon.secretAccessKey()),
                "init", "-p", "work", "--from-env");
        ok(with(env, "AWS_ACCESS_KEY_ID", ana.accessKeyId(), "AWS_SECRET_ACCESS_KEY", ana.secretAccessKey()),
                "init", "-p", "other", "--from-env", "--no-config");

        Map<String, String> other = with(env, "AWS_PROFILE", "other");
        assertThat(ok(other, "whoami").out()).contains(":user/ana\n");
        assertThat(ok(other, "whoami", "--profile", "work").out()).contains(":user/jon\n");
        assertThat(ok(other, "exec", "--", "sh", "-c", "echo $STSCREDS_PROFILE").out()).isEqualTo("other\n");
        assertThat(ok(env, "list").out()).isEqualTo("other  long-term keys in the stscreds vault (for other AWS tools add"
                + " `credential_process = stscreds credential-process --profile other` to its section of "
                + home.resolve(".aws/config") + ")\nwork   long-term keys in the stscreds vault\n");

        Result missing = stscreds(with(env, "AWS_PROFILE", "typo"), "whoami");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).endsWith("  hint: store its keys with `stscreds init --profile typo`, or pick another profile"
                + " with --profile or AWS_PROFILE (`stscreds list` shows them)\n");
    }

    @Test
    void execWithAPositionalProfileAndNoCommandOpensTheShellMarkedForPrompts() throws Exception {
        Map<String, String> env = shell();
        ok(with(env, "AWS_ACCESS_KEY_ID", jon.accessKeyId(), "AWS_SECRET_ACCESS_KEY", jon.secretAccessKey()),
                "init", "-p", "work", "--from-env");
        Path recorded = home.resolve("shell-env.txt");
        Path fakeShell = home.resolve("record-shell");
        Files.writeString(fakeShell, "#!/bin/sh\nenv > '" + recorded + "'\nexit 7\n");
        Files.setPosixFilePermissions(fakeShell, PosixFilePermissions.fromString("rwx------"));

        Result shellRun = stscreds(with(env, "SHELL", fakeShell.toString(), "AWS_PROFILE", "elsewhere"), "exec", "work");
        assertThat(shellRun.code()).as(shellRun.err()).isEqualTo(7);
        List<String> seen = Files.readAllLines(recorded);
        assertThat(seen).contains("STSCREDS_PROFILE=work").noneMatch(l -> l.startsWith("AWS_PROFILE="))
                .anyMatch(l -> l.startsWith("AWS_ACCESS_KEY_ID=ASIA")).anyMatch(l -> l.startsWith("AWS_SESSION_TOKEN="));

        // Inside that shell, another exec is refused with the way out; the way out works.
        Map<String, String> inside = with(env, "STSCREDS_PROFILE", "work");
        Result nested = stscreds(inside, "exec", "other", "--", "true");
        assertThat(nested.code()).isEqualTo(1);
        assertThat(nested.err()).isEqualTo("stscreds: this shell already runs under stscreds exec for profile work"
                + " (STSCREDS_PROFILE=work); an exec for profile other inside it would mix two identities\n"
                + "  hint: leave that shell first (exit), or run `stscreds exec --allow-nested other ...` to replace profile"
                + " work's credentials in the new command\n");
        assertThat(ok(inside, "exec", "--allow-nested", "work", "--", "sh", "-c", "echo $STSCREDS_PROFILE").out()).isEqualTo("work\n");

        // --no-session hands out the vault's key itself; the child's exit code is exec's.
        assertThat(ok(env, "exec", "work", "--no-session", "--", "sh", "-c", "echo $AWS_ACCESS_KEY_ID").out())
                .isEqualTo(jon.accessKeyId() + "\n");
        assertThat(stscreds(env, "exec", "work", "--", "sh", "-c", "exit 3").code()).isEqualTo(3);

        // A usage mistake is one line and where to read more, not the whole help page.
        Result usage = stscreds(env, "exec", "work", "extra", "--", "true");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).isEqualTo("stscreds: exec takes one profile before --, not extra too; put the whole command after --\n"
                + "  hint: `stscreds exec --help` for more\n");
        Result unknown = stscreds(env, "exec", "--bogus");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("stscreds: Unknown option: '--bogus'\n  hint: `stscreds exec --help` for more\n");
    }

    @Test
    void theAwsCliUsesAProfileMadeByInitAlone() throws Exception {
        Path aws = Path.of(System.getProperty("user.home"), ".pyenv", "shims", "aws");
        assumeTrue(Files.isExecutable(aws), "the AWS CLI (pyenv shims) is not installed: not tried with it");
        Map<String, String> env = shell();
        ok(with(env, "AWS_ACCESS_KEY_ID", jon.accessKeyId(), "AWS_SECRET_ACCESS_KEY", jon.secretAccessKey()),
                "init", "-p", "work", "--from-env");

        Map<String, String> cli = with(env, "PATH", aws.getParent() + ":" + env.get("PATH"), "AWS_DEFAULT_REGION", "us-east-1",
                "PYENV_ROOT", aws.getParent().getParent().toString());
        Result theirs = run(cli, aws.toString(), "sts", "get-caller-identity", "--profile", "work", "--output", "text",
                "--query", "Arn");
        assertThat(theirs.code()).as(theirs.err()).isZero();
        assertThat(theirs.out()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/jon\n");
        assertThat(sts.calls("GetSessionToken")).as("the AWS CLI got a session, not the long-term key").isEqualTo(1);
    }
}
