package dev.stscreds.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.Credentials;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Settings;
import dev.stscreds.differential.GeneratedCase.Feature;
import dev.stscreds.resolve.ChainOutcome;
import dev.stscreds.resolve.DefaultCredentialsChain;
import dev.stscreds.resolve.ProfilePlan;
import dev.stscreds.resolve.ProfileResolver;
import dev.stscreds.resolve.SourceReport;
import dev.stscreds.testkit.ContainerCredentialsServer;
import dev.stscreds.testkit.FakeCredentials;
import dev.stscreds.testkit.InstanceMetadataServer;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.wire.sts.StsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential suite: generated configurations resolved by botocore's default chain (the AWS CLI's) and by
 * stscreds' default chain, against the same local endpoints (STS, instance metadata, container), compared
 * source by source and credential by credential. Every difference is either a failure here or one of the
 * deliberate differences named in {@link DeliberateDifference} and in the README.
 *
 * <p>{@code -Ddifferential.cases=N} and {@code -Ddifferential.seed=S} change the run; the seed is printed so a
 * failing case can be generated again. Skipped with the reason when no python with botocore is found.
 */
class BotocoreDifferentialTest {
    static final int CASES = Integer.getInteger("differential.cases", 2000);
    static final long SEED = Long.getLong("differential.seed", 20261207L);
    static final int JS_SAMPLE = 10;
    private static final String TRUST_USERS = """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": [%s]}}]}""";
    private static final String TRUST_ACCOUNT = """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}""";

    @TempDir
    static Path dir;

    static LocalSts sts;
    static InstanceMetadataServer imds;
    static ContainerCredentialsServer container;
    static ConfigurationGenerator.World world;

    @BeforeAll
    static void world() throws IOException {
        Instant later = Instant.now().plus(Duration.ofHours(6));
        sts = new LocalSts().start();
        imds = new InstanceMetadataServer().start();
        imds.credentials(FakeCredentials.generate(new Random(1), later));
        container = new ContainerCredentialsServer().start();
        container.credentials(FakeCredentials.generate(new Random(2), later));
        List<String[]> keys = new ArrayList<>();
        List<String> userArns = new ArrayList<>();
        for (String user : List.of("u0", "u1", "u2")) {
            userArns.add("\"" + sts.createUser(user) + "\"");
            AccessKey key = sts.createAccessKey(user);
            keys.add(new String[] {key.accessKeyId(), key.secretAccessKey()});
        }
        String trustUsers = TRUST_USERS.formatted(String.join(", ", userArns));
        List<String> userRoles = List.of(sts.createRole("R0", trustUsers), sts.createRole("R1", trustUsers));
        String accountRole = sts.createRole("R2", TRUST_ACCOUNT);
        String webRole = sts.createRole("Web", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": "%s"}}]}"""
                .formatted(sts.oidcProviderArn()));
        Path token = Files.writeString(dir.resolve("web-token"),
                sts.issueWebIdentityToken("system:serviceaccount:ci:gen", LocalSts.DEFAULT_AUDIENCE, Duration.ofHours(6)));
        List<Path> outputs = new ArrayList<>();
        outputs.add(Files.writeString(dir.resolve("process-with-account.json"), processOutput(keys.get(0), "123456789012")));
        outputs.add(Files.writeString(dir.resolve("process-without-account.json"), processOutput(keys.get(1), null)));
        world = new ConfigurationGenerator.World(keys, userRoles, accountRole, webRole, token, outputs,
                sts.endpoint().toString(), container.credentialsUri().toString(), imds.endpoint().toString());
    }

    @AfterAll
    static void stop() {
        if (sts != null) sts.close();
        if (imds != null) imds.close();
        if (container != null) container.close();
    }

    @Test
    void stscredsResolvesGeneratedConfigurationsAsBotocoreDoes() throws Exception {
        Optional<String> python = PeerDriver.findPython();
        Assumptions.assumeTrue(python.isPresent(), "skipped: no python with botocore (the AWS CLI's pyenv Python or python3)");
        ConfigurationGenerator generator = new ConfigurationGenerator(world, SEED);
        List<GeneratedCase> cases = new ArrayList<>();
        for (int id = 0; id < CASES; id++) {
            Path home = Files.createDirectories(dir.resolve("case-" + id));
            GeneratedCase c = generator.next(id, home);
            Files.createDirectories(home.resolve(".aws"));
            Files.writeString(home.resolve(".aws/config"), c.config());
            Files.writeString(home.resolve(".aws/credentials"), c.credentials());
            cases.add(c);
        }

        long started = System.nanoTime();
        List<Outcome> botocore = new ArrayList<>();
        try (PeerDriver driver = PeerDriver.botocore(python.get(), dir)) {
            // botocore answers in its own process while this one resolves: one writer, one reader.
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> sent = writer.submit(() -> {
                for (GeneratedCase c : cases) driver.send(c.id(), c.environment());
                return null;
            });
            List<Outcome> ours = new ArrayList<>();
            for (GeneratedCase c : cases) ours.add(stscreds(c));
            for (int i = 0; i < cases.size(); i++) botocore.add(driver.answer());
            sent.get();
            writer.shutdown();
            compare(cases, botocore, ours, Duration.ofNanos(System.nanoTime() - started));
            secondOpinion(cases, botocore, ours);
        }
    }

    /**
     * The AWS SDK for JavaScript v3's default chain on every {@value #JS_SAMPLE}th case: printed, not asserted
     * (the SDKs differ among themselves; botocore is the reference), so a reader sees whom a third SDK sides with.
     */
    private void secondOpinion(List<GeneratedCase> cases, List<Outcome> botocore, List<Outcome> ours) throws Exception {
        Optional<Path> js = PeerDriver.javascriptFolder();
        if (js.isEmpty()) {
            System.out.println("Second opinion skipped: node or src/test/js/node_modules is missing (run `npm ci` in"
                    + " core/src/test/js, as .ci/run does)");
            return;
        }
        int sampled = 0;
        int withBotocore = 0;
        int withStscreds = 0;
        int disputed = 0;
        int disputedWithBotocore = 0;
        int disputedWithStscreds = 0;
        try (PeerDriver driver = PeerDriver.javascript(js.get(), dir)) {
            for (GeneratedCase c : cases) {
                if (c.id() % JS_SAMPLE != 0) continue;
                driver.send(c.id(), c.environment());
                Outcome theirs = identify(botocore.get(c.id()));
                Outcome mine = ours.get(c.id());
                Outcome javascript = identifyAny(driver.answer());
                sampled++;
                boolean b = agree(javascript, theirs);
                boolean s = agree(javascript, mine);
                if (b) withBotocore++;
                if (s) withStscreds++;
                if (!theirs.sameAs(mine)) {
                    disputed++;
                    if (b) disputedWithBotocore++;
                    if (s) disputedWithStscreds++;
                }
            }
        }
        System.out.printf("Second opinion, the AWS SDK for JavaScript v3 on %d sampled cases: agrees with botocore on %d,"
                        + " with stscreds on %d; on the %d where botocore and stscreds differ deliberately it sides with"
                        + " botocore %d times and with stscreds %d times%n",
                sampled, withBotocore, withStscreds, disputed, disputedWithBotocore, disputedWithStscreds);
        assertThat(sampled).isPositive();
    }

    /** Whether two tools gave the same: both failed, or the same identity (and the same secret for handed-over keys). */
    private static boolean agree(Outcome javascript, Outcome other) {
        if (!javascript.ok() || !other.ok()) return javascript.ok() == other.ok();
        if (!javascript.identity().equals(other.identity())) return false;
        return other.fromSts() || javascript.secretAccessKey().equals(other.secretAccessKey());
    }

    /** A peer that does not name its source: sessions STS knows are named by their role, other keys by their id. */
    private static Outcome identifyAny(Outcome o) {
        if (!o.ok() || o.sessionToken().isEmpty()) return o;
        try {
            Credentials creds = Credentials.builder().accessKeyId(o.accessKeyId()).secretAccessKey(o.secretAccessKey())
                    .sessionToken(o.sessionToken().get()).source("differential").build();
            String arn = StsClient.create(sts.endpoint(), "us-east-1", Clock.systemUTC()).getCallerIdentity(creds).arn();
            return arn.contains(":assumed-role/") ? o.withIdentity(arn.substring(0, arn.lastIndexOf('/'))) : o;
        } catch (RuntimeException notFromThisSts) {
            return o;
        }
    }

    private void compare(List<GeneratedCase> cases, List<Outcome> botocore, List<Outcome> ours, Duration took) {
        Map<DeliberateDifference, Integer> deliberate = new LinkedHashMap<>();
        Map<String, Integer> sources = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            GeneratedCase c = cases.get(i);
            Outcome theirs = identify(botocore.get(i));
            Outcome mine = ours.get(i);
            sources.merge(theirs.ok() ? theirs.method() : "error", 1, Integer::sum);
            if (theirs.sameAs(mine)) continue;
            Optional<DeliberateDifference> known = DeliberateDifference.explain(c, theirs, mine);
            if (known.isPresent()) {
                deliberate.merge(known.get(), 1, Integer::sum);
            } else if (failures.size() < 15) {
                failures.add("case " + c.id() + " (seed " + SEED + ")\n  botocore: " + theirs + "\n  stscreds: " + mine
                        + "\n  env: " + shown(c.environment()) + "\n--- config\n" + c.config() + "--- credentials\n"
                        + c.credentials());
            } else {
                failures.add("case " + c.id());
            }
        }
        int deliberateTotal = deliberate.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("Differential suite against botocore: %d cases (seed %d) in %d ms; sources botocore chose: %s;"
                        + " %d deliberate differences %s; %d unexplained%n",
                cases.size(), SEED, took.toMillis(), sources, deliberateTotal, deliberate, failures.size());
        assertThat(failures).as("differences from botocore that are neither fixed nor listed as deliberate").isEmpty();
    }

    /** The environment without the long paths every case has. */
    private static Map<String, String> shown(Map<String, String> env) {
        Map<String, String> shown = new TreeMap<>(env);
        shown.keySet().removeAll(List.of("HOME", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "BOTO_CONFIG",
                "AWS_ENDPOINT_URL_STS", "AWS_REGION", "AWS_DEFAULT_REGION"));
        shown.replaceAll((k, v) -> k.contains("SECRET") ? "****" : v);
        return shown;
    }

    /** stscreds' default chain on the case, with the source named as botocore names it. */
    private static Outcome stscreds(GeneratedCase c) {
        Settings settings = Settings.of(Map.of(), c.environment(), Path.of(c.environment().get("HOME")));
        ChainOutcome outcome = DefaultCredentialsChain.create(settings, Clock.systemUTC()).resolveReporting();
        if (outcome.credentials().isEmpty()) {
            return Outcome.failed(outcome.failure().map(e -> e.getClass().getSimpleName()).orElse("?"));
        }
        Credentials creds = outcome.credentials().get();
        String source = outcome.reports().stream().filter(r -> r.status() == SourceReport.Status.ANSWERED)
                .map(SourceReport::source).findFirst().orElse("?");
        String method = switch (source) {
            case "environment", "system properties" -> "env";
            case "web identity (environment)" -> "assume-role-with-web-identity";
            case "container endpoint" -> "container-role";
            case "instance metadata" -> "iam-role";
            default -> source.startsWith("profile ") ? profileMethod(settings, source.substring("profile ".length())) : source;
        };
        return identify(Outcome.answered(method, creds.accessKeyId(), creds.secretAccessKey(), creds.sessionToken(),
                creds.accountId()));
    }

    private static String profileMethod(Settings settings, String profile) {
        ProfilePlan plan = new ProfileResolver(ProfileSet.load(settings)).plan(profile);
        if (plan instanceof ProfilePlan.StaticKeys keys) {
            return keys.accessKeyId().location().file().endsWith("credentials") ? "shared-credentials-file" : "config-file";
        }
        if (plan instanceof ProfilePlan.Process) return "custom-process";
        if (plan instanceof ProfilePlan.AssumeRole) return "assume-role";
        if (plan instanceof ProfilePlan.WebIdentity) return "assume-role-with-web-identity";
        if (plan instanceof ProfilePlan.Sso) return "sso";
        return plan.getClass().getSimpleName();
    }

    /** For sessions STS made: who they are (the role, without the session name), asked of the local STS. */
    private static Outcome identify(Outcome o) {
        if (!o.fromSts()) return o;
        Credentials creds = Credentials.builder().accessKeyId(o.accessKeyId()).secretAccessKey(o.secretAccessKey())
                .sessionToken(o.sessionToken().orElse(null)).source("differential").build();
        String arn = StsClient.create(sts.endpoint(), "us-east-1", Clock.systemUTC()).getCallerIdentity(creds).arn();
        return o.withIdentity(arn.substring(0, arn.lastIndexOf('/')));
    }

    private static String processOutput(String[] key, String account) {
        return "{\"Version\": 1, \"AccessKeyId\": \"" + key[0] + "\", \"SecretAccessKey\": \"" + key[1] + "\""
                + (account == null ? "" : ", \"AccountId\": \"" + account + "\"") + "}";
    }
}
