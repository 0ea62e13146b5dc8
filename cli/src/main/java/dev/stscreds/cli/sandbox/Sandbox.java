package dev.stscreds.cli.sandbox;

import dev.stscreds.config.Settings;
import dev.stscreds.resolve.Explainer;
import dev.stscreds.resolve.Explanation;
import dev.stscreds.resolve.ResolveOptions;
import dev.stscreds.resolve.SourceReport;
import dev.stscreds.testkit.ContainerCredentialsServer;
import dev.stscreds.testkit.FakeCredentials;
import dev.stscreds.testkit.InstanceMetadataServer;
import dev.stscreds.testkit.signin.LocalSignin;
import dev.stscreds.testkit.sso.LocalSso;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.pki.TestPki;
import dev.stscreds.testkit.sts.LocalRolesAnywhere;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.testkit.sts.VirtualMfa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A world without AWS: the testkit's endpoints on loopback (instance metadata, container, STS with
 * a demo user, MFA device and roles, IAM Identity Center that approves sign-ins at once), demo
 * profiles in a temporary home,
 * and one scenario per way of getting credentials. Never reads or writes the user's own files.
 */
public final class Sandbox implements AutoCloseable {

    /** One thing the sandbox shows: its title, the source expected to answer, and the explanation. */
    public record Scenario(String title, String expectedSource, Explanation explanation) {
        public boolean passed() {
            return explanation.sources().stream().anyMatch(s ->
                    s.status() == SourceReport.Status.ANSWERED && s.source().equals(expectedSource));
        }
    }

    private final Clock clock;
    private final Path home;
    private final Map<String, String> baseEnvironment;
    private final InstanceMetadataServer instanceMetadata;
    private final ContainerCredentialsServer container;
    private final String containerToken;
    private final LocalSts sts;
    private final AccessKey demoKey;
    private final VirtualMfa demoMfa;
    private final String adminRole;
    private final String vaultPassphrase = "sandbox-" + Long.toHexString(new SecureRandom().nextLong());
    private final String deployRole;
    private final LocalSso sso;
    private final LocalSignin signin;
    /** A script set as BROWSER for the browser sign-ins: follows the sign-in page back to stscreds. */
    private final java.util.Optional<Path> browser;
    private final LocalRolesAnywhere rolesAnywhere;
    private final String rolesAnywhereProfile;
    private final String rolesAnywhereTrustAnchor;
    private final String rolesAnywhereRole;
    private final TestPki.Issued rolesAnywhereCa;

    private Sandbox(Clock clock, Path home, Map<String, String> baseEnvironment) {
        this.clock = clock;
        this.home = home;
        this.baseEnvironment = new HashMap<>(baseEnvironment);
        SecureRandom random = new SecureRandom();
        Instant inAnHour = clock.instant().plus(Duration.ofHours(1));
        this.containerToken = "sandbox-" + Long.toHexString(random.nextLong());
        this.instanceMetadata = new InstanceMetadataServer().requireV2(true)
                .credentials(FakeCredentials.generate(random, inAnHour)).start();
        this.container = new ContainerCredentialsServer().expectAuthorization(containerToken)
                .credentials(FakeCredentials.generate(random, inAnHour)).start();
        this.sts = new LocalSts().clock(clock).start();
        sts.createUser("demo");
        this.demoKey = sts.createAccessKey("demo");
        this.demoMfa = sts.createVirtualMfa("demo");
        this.baseEnvironment.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        this.adminRole = sts.createRole("DemoAdmin", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::%s:root"},
                  "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}""".formatted(LocalSts.DEFAULT_ACCOUNT));
        this.deployRole = sts.createRole("DemoDeploy", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::%s:root"}}]}"""
                .formatted(LocalSts.DEFAULT_ACCOUNT));
        this.sso = new LocalSso(sts).clock(clock).autoApprove(true).start();
        sso.addAccount(LocalSts.DEFAULT_ACCOUNT, "demo", "demo@example.com").addRole(LocalSts.DEFAULT_ACCOUNT, "DemoReadOnly");
        this.baseEnvironment.put("AWS_ENDPOINT_URL_SSO", sso.endpoint().toString());
        this.baseEnvironment.put("AWS_ENDPOINT_URL_SSO_OIDC", sso.endpoint().toString());
        // IAM Roles Anywhere: a demo CA as the trust anchor, and a role that trusts the service
        this.rolesAnywhere = new LocalRolesAnywhere(sts, "eu-west-1").start();
        this.rolesAnywhereCa = TestPki.rootCa("stscreds sandbox CA", TestPki.ec(256), clock.instant().minus(Duration.ofDays(1)),
                clock.instant().plus(Duration.ofDays(30)));
        this.rolesAnywhereTrustAnchor = rolesAnywhere.createTrustAnchor(rolesAnywhereCa.certificate());
        this.rolesAnywhereRole = sts.createRole("DemoOnPrem", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "rolesanywhere.amazonaws.com"}}]}""");
        this.rolesAnywhereProfile = rolesAnywhere.createProfile(java.util.Set.of(rolesAnywhereRole), 3600);
        this.baseEnvironment.put("AWS_ENDPOINT_URL_ROLESANYWHERE", rolesAnywhere.endpoint().toString());
        sts.createRole("DemoConsole", "{\"Statement\": []}");
        this.signin = new LocalSignin(sts).clock(clock)
                .identity("arn:aws:sts::" + LocalSts.DEFAULT_ACCOUNT + ":assumed-role/DemoConsole/demo").start();
        this.baseEnvironment.put("AWS_ENDPOINT_URL_SIGNIN", signin.endpoint().toString());
        this.browser = browserScript(home, baseEnvironment.getOrDefault("PATH", ""));
    }

    /** The sandbox's "browser": curl following the sign-in page's redirect, as a user who clicks Allow. None without curl. */
    private static java.util.Optional<Path> browserScript(Path home, String path) {
        boolean curl = java.util.Arrays.stream(path.split(":")).anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "curl")));
        if (!curl) return java.util.Optional.empty();
        try {
            Path script = home.resolve("sandbox-browser");
            Files.writeString(script, "#!/bin/sh\n# the sandbox's browser: the user allows the sign-in\n"
                    + "exec curl -sS -L --max-time 30 -o /dev/null \"$1\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return java.util.Optional.of(script);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Starts the endpoints and writes the demo profiles into a new temporary home.
     *
     * @param realEnvironment only {@code PATH} is taken from it, so that {@code credential_process} finds {@code sh}
     */
    public static Sandbox start(Clock clock, Map<String, String> realEnvironment) {
        try {
            Path home = Files.createTempDirectory("stscreds-sandbox-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Map<String, String> env = new HashMap<>();
            env.put("HOME", home.toString());
            env.put("PATH", realEnvironment.getOrDefault("PATH", "/usr/bin:/bin"));
            Sandbox sandbox = new Sandbox(clock, home, env);
            sandbox.writeProfiles();
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the sandbox's temporary home", e);
        }
    }

    public Path home() {
        return home;
    }

    /** Resolves every scenario for real against the local endpoints. */
    public List<Scenario> run() {
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("Long-term keys in a profile", "profile demo-keys",
                explainer(Map.of()).explainProfile("demo-keys", true)));
        scenarios.add(new Scenario("A profile whose credentials come from credential_process", "profile demo-process",
                explainer(Map.of()).explainProfile("demo-process", true)));
        String code = demoMfa.codeAt(clock.instant());
        scenarios.add(new Scenario("A chain of three profiles: keys → role with MFA → role (code " + code + " from the demo MFA device)",
                "profile demo-deploy",
                explainer(Map.of(), ResolveOptions.NONE.withMfaToken(code)).explainProfile("demo-deploy", true)));
        scenarios.add(new Scenario("IAM Roles Anywhere: an X.509 certificate and its key trade for a role session",
                "profile demo-roles-anywhere", explainer(Map.of()).explainProfile("demo-roles-anywhere", true)));
        scenarios.add(new Scenario("The default chain with keys in the environment", "environment",
                explainer(Map.of("AWS_ACCESS_KEY_ID", "AKIASANDBOXENV000001",
                        "AWS_SECRET_ACCESS_KEY", "sandbox-environment-secret",
                        "AWS_EC2_METADATA_DISABLED", "true")).explainDefaultChain(true)));
        scenarios.add(new Scenario("The default chain inside a container", "container endpoint",
                explainer(Map.of("AWS_PROFILE", "demo-empty",
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI", container.credentialsUri().toString(),
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN", containerToken,
                        "AWS_EC2_METADATA_DISABLED", "true")).explainDefaultChain(true)));
        scenarios.add(new Scenario("The default chain on an instance (IMDSv2)", "instance metadata",
                explainer(Map.of("AWS_PROFILE", "demo-empty",
                        "AWS_EC2_METADATA_SERVICE_ENDPOINT", instanceMetadata.endpoint().toString(),
                        "AWS_EC2_METADATA_V1_DISABLED", "true")).explainDefaultChain(true)));
        return scenarios;
    }

    /** A step of the command flow: its title and the stscreds command line it runs. */
    public record FlowStep(String title, Map<String, String> extraEnvironment, List<String> args) {}

    /**
     * The CLI flow a user goes through, against the local STS and IAM: keep the demo user's keys
     * in an encrypted vault, trade them for an MFA session, then read, export and exec with it
     * (with the keys, then with a local credential server), sign a request with it; then sign in to IAM Identity Center and use a role from there.
     */
    public List<FlowStep> flow() {
        String code = demoMfa.codeAt(clock.instant());
        List<FlowStep> steps = List.of(
                new FlowStep("init: the demo user's long-term keys go into the encrypted vault",
                        Map.of("AWS_ACCESS_KEY_ID", demoKey.accessKeyId(), "AWS_SECRET_ACCESS_KEY", demoKey.secretAccessKey()),
                        List.of("init", "--profile", "demo-vault", "--from-env")),
                new FlowStep("auth: an MFA session (code " + code + ", device found with iam:ListMFADevices)", Map.of(),
                        List.of("auth", "--profile", "demo-vault", "--mfa-token", code, "--duration", "1h")),
                new FlowStep("read: one value of the session", Map.of(),
                        List.of("read", "aws_access_key_id", "--profile", "demo-vault")),
                new FlowStep("export: the session for a shell", Map.of(),
                        List.of("export", "--profile", "demo-vault")),
                new FlowStep("exec: a command that sees the session", Map.of(),
                        List.of("exec", "--profile", "demo-vault", "--", "sh", "-c",
                                "echo \"child sees $STSCREDS_PROFILE, key $AWS_ACCESS_KEY_ID, expiry $AWS_CREDENTIAL_EXPIRATION\"")),
                new FlowStep("exec --server: the command gets a local credential endpoint instead of the keys", Map.of(),
                        List.of("exec", "--profile", "demo-vault", "--server", "--", "sh", "-c",
                                "echo \"keys: ${AWS_ACCESS_KEY_ID:-none}, endpoint: $AWS_CONTAINER_CREDENTIALS_FULL_URI\"")),
                new FlowStep("curl: a request signed with the session (STS GetCallerIdentity)", Map.of(),
                        List.of("curl", "--profile", "demo-vault", "--service", "sts", "--region", "eu-west-1",
                                "-d", "Action=GetCallerIdentity&Version=2011-06-15", sts.endpoint().toString())),
                new FlowStep("sso login: the device sign-in (this IAM Identity Center approves it at once)", Map.of(),
                        List.of("sso", "login", "--sso-session", "demo-sso", "--no-browser")),
                new FlowStep("sso profiles: every account and role the sign-in reaches", Map.of(),
                        List.of("sso", "profiles", "--sso-session", "demo-sso")),
                new FlowStep("whoami: the SSO profile's role credentials at work", Map.of(),
                        List.of("whoami", "--profile", "demo-sso")));
        if (browser.isEmpty()) return steps;
        Map<String, String> withBrowser = Map.of("BROWSER", browser.get().toString());
        List<FlowStep> all = new ArrayList<>(steps);
        all.add(new FlowStep("sso login with a browser: authorization code and PKCE, back to a loopback redirect", withBrowser,
                List.of("sso", "login", "--sso-session", "demo-sso")));
        all.add(new FlowStep("login: a sign-in session as `aws login` makes one (console credentials, renewed for 12 hours)",
                withBrowser, List.of("login", "--profile", "demo-login")));
        all.add(new FlowStep("whoami: the sign-in session's credentials at work", Map.of(),
                List.of("whoami", "--profile", "demo-login")));
        all.add(new FlowStep("explain: the session's cache file, expiry and renewals left", Map.of(),
                List.of("explain", "--profile", "demo-login")));
        return all;
    }

    /** The settings the flow's commands run with: only the sandbox's home, vault and endpoints. */
    public Settings flowSettings(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(baseEnvironment);
        env.put("STSCREDS_HOME", home.resolve(".stscreds").toString());
        env.put("STSCREDS_VAULT", "file");
        env.put("STSCREDS_VAULT_PASSPHRASE", vaultPassphrase);
        env.put("AWS_ENDPOINT_URL", sts.endpoint().toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.putAll(extra);
        return Settings.of(Map.of(), env, home);
    }

    /** How to point the AWS CLI and stscreds at this sandbox from another shell. */
    public List<String> howToUse() {
        return List.of(
                "export HOME=" + home,
                "export AWS_ENDPOINT_URL=" + sts.endpoint(),
                "export STSCREDS_VAULT=file STSCREDS_VAULT_PASSPHRASE='" + vaultPassphrase + "'",
                "export AWS_ENDPOINT_URL_SSO=" + sso.endpoint() + " AWS_ENDPOINT_URL_SSO_OIDC=" + sso.endpoint(),
                "export AWS_ENDPOINT_URL_SIGNIN=" + signin.endpoint(),
                "export AWS_ENDPOINT_URL_ROLESANYWHERE=" + rolesAnywhere.endpoint(),
                "export AWS_EC2_METADATA_DISABLED=true",
                "# then, e.g.: stscreds explain -p demo-deploy --resolve --mfa-token <code>   or   aws sts get-caller-identity --profile demo-keys");
    }

    private Explainer explainer(Map<String, String> extra) {
        return explainer(extra, ResolveOptions.NONE);
    }

    private Explainer explainer(Map<String, String> extra, ResolveOptions options) {
        Map<String, String> env = new HashMap<>(baseEnvironment);
        env.putAll(extra);
        return new Explainer(Settings.of(Map.of(), env, home), clock, options);
    }

    private void writeProfiles() throws IOException {
        SecureRandom random = new SecureRandom();
        FakeCredentials session = FakeCredentials.generate(random, clock.instant().plus(Duration.ofHours(1)));
        String processOutput = "{\"Version\": 1, \"AccessKeyId\": \"" + session.accessKeyId()
                + "\", \"SecretAccessKey\": \"" + session.secretAccessKey()
                + "\", \"SessionToken\": \"" + session.sessionToken()
                + "\", \"Expiration\": \"" + session.expiration() + "\"}";
        // The command reads a file, so the profile line itself holds no secret.
        Path processOutputFile = home.resolve("demo-process-output.json");
        Files.writeString(processOutputFile, processOutput);
        Path pki = Files.createDirectories(home.resolve("pki"));
        java.security.KeyPair hostKeys = TestPki.ec(256);
        TestPki.Issued host = TestPki.issue(rolesAnywhereCa, "demo-host.sandbox", hostKeys, false,
                clock.instant().minus(Duration.ofHours(1)), clock.instant().plus(Duration.ofDays(7)));
        host.writeCertificate(pki.resolve("demo-host.pem"));
        host.writePrivateKey(pki.resolve("demo-host.key"));
        Files.setPosixFilePermissions(pki.resolve("demo-host.key"), PosixFilePermissions.fromString("rw-------"));
        rolesAnywhereCa.writeCertificate(pki.resolve("demo-ca.pem"));
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), String.join("\n",
                "# stscreds sandbox: demo profiles (fake keys, local endpoints only)",
                "[profile demo-keys]",
                "aws_access_key_id = " + demoKey.accessKeyId(),
                "aws_secret_access_key = " + demoKey.secretAccessKey(),
                "region = eu-west-1",
                "",
                "[profile demo-admin]",
                "role_arn = " + adminRole,
                "source_profile = demo-keys",
                "mfa_serial = " + demoMfa.serialNumber(),
                "role_session_name = demo-admin",
                "",
                "[profile demo-deploy]",
                "role_arn = " + deployRole,
                "source_profile = demo-admin",
                "role_session_name = demo-deploy",
                "duration_seconds = 900",
                "",
                "[profile demo-process]",
                "credential_process = cat " + processOutputFile,
                "region = eu-west-1",
                "",
                "[profile demo-empty]",
                "region = eu-west-1",
                "",
                "[profile demo-sso]",
                "sso_session = demo-sso",
                "sso_account_id = " + LocalSts.DEFAULT_ACCOUNT,
                "sso_role_name = DemoReadOnly",
                "region = eu-west-1",
                "",
                "[profile demo-roles-anywhere]",
                "role_arn = " + rolesAnywhereRole,
                "roles_anywhere_trust_anchor_arn = " + rolesAnywhereTrustAnchor,
                "roles_anywhere_profile_arn = " + rolesAnywhereProfile,
                "roles_anywhere_certificate = " + pki.resolve("demo-host.pem"),
                "roles_anywhere_private_key = " + pki.resolve("demo-host.key"),
                "roles_anywhere_trust_anchor_certificate = " + pki.resolve("demo-ca.pem"),
                "region = eu-west-1",
                "",
                "[sso-session demo-sso]",
                "sso_start_url = https://demo.awsapps.com/start",
                "sso_region = eu-west-1",
                ""));
    }

    @Override
    public void close() {
        signin.close();
        rolesAnywhere.close();
        sso.close();
        instanceMetadata.close();
        container.close();
        sts.close();
        deleteRecursively(home);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless; the OS cleans it.
        }
    }

}
