package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.Credentials;
import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many cold starts of one role profile at once (each with its own provider, as separate processes would
 * have) make one AssumeRole between them, and leave no lock file in the AWS CLI's folders.
 */
class ColdRoleCrowdTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final String TRUST = """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}""";
    private static final int CROWD = 24;

    @TempDir
    Path dir;

    private LocalSts sts;
    private ProfileFixture fixture;

    @BeforeEach
    void world() {
        sts = new LocalSts().clock(CLOCK).start();
        sts.createUser("jon");
        AccessKey key = sts.createAccessKey("jon");
        String admin = sts.createRole("Admin", TRUST);
        fixture = new ProfileFixture(dir)
                .env("AWS_ENDPOINT_URL_STS", sts.endpoint().toString())
                .credentials("[base]\naws_access_key_id = " + key.accessKeyId() + "\naws_secret_access_key = " + key.secretAccessKey() + "\n")
                .config("[profile admin]\nrole_arn = " + admin + "\nsource_profile = base\nrole_session_name = jon\n");
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    @Test
    void aCrowdOfColdStartsMakesOneAssumeRole() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CROWD);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Credentials>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CROWD; i++) {
                answers.add(pool.submit(() -> {
                    var provider = new ProfileCredentialsProvider(fixture.settings(), "admin", CLOCK, ResolveOptions.NONE);
                    go.await();
                    return provider.resolve();
                }));
            }
            go.countDown();
            Set<String> keys = new java.util.HashSet<>();
            for (Future<Credentials> f : answers) keys.add(f.get(60, TimeUnit.SECONDS).accessKeyId());
            assertThat(keys).as("every caller got the one session").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sts.calls("AssumeRole")).isEqualTo(1);
    }

    @Test
    void lockFilesLiveInStscredsOwnFolderNotTheAwsClis() throws Exception {
        new ProfileCredentialsProvider(fixture.settings(), "admin", CLOCK, ResolveOptions.NONE).resolve();

        Path cache = fixture.home.resolve(".aws/cli/cache");
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .singleElement().asString().matches("[0-9a-f]{40}\\.json");
        }
        Path locks = fixture.home.resolve(".stscreds/locks");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(locks))).isEqualTo("rwx------");
        try (var files = Files.list(locks)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .allMatch(n -> n.startsWith("aws-cli-cache.") && n.endsWith(".lock")).isNotEmpty();
        }
    }
}
