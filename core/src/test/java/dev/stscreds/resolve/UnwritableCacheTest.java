package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.Credentials;
import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.testkit.ReadOnlyFolder;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the AWS CLI's cache cannot be written (read-only home, full disk), the session STS gave is still handed out. */
class UnwritableCacheTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final String TRUST = """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}""";

    @TempDir
    Path dir;

    private LocalSts sts;
    private ProfileFixture fixture;
    private final List<String> warnings = new ArrayList<>();
    private final Logger logger = Logger.getLogger("dev.stscreds.cache.CliSessionCache");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            warnings.add(r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void world() {
        sts = new LocalSts().clock(CLOCK).start();
        sts.createUser("jon");
        AccessKey key = sts.createAccessKey("jon");
        String admin = sts.createRole("Admin", TRUST);
        fixture = new ProfileFixture(dir)
                .env("AWS_ENDPOINT_URL_STS", sts.endpoint().toString())
                .env("STSCREDS_HOME", dir.resolve("stscreds-home").toString())
                .credentials("[base]\naws_access_key_id = " + key.accessKeyId() + "\naws_secret_access_key = " + key.secretAccessKey() + "\n")
                .config("[profile admin]\nrole_arn = " + admin + "\nsource_profile = base\nrole_session_name = jon\n");
        logger.addHandler(capture);
    }

    @AfterEach
    void stop() {
        logger.removeHandler(capture);
        sts.close();
    }

    @Test
    void aReadOnlyCacheFolderCostsAWarningNotTheCredentials() throws Exception {
        Path cache = fixture.home.resolve(".aws/cli/cache");
        var readOnly = ReadOnlyFolder.make(cache);
        assumeTrue(readOnly.isPresent(), "no way to make a folder read-only here");
        Credentials credentials;
        try (var ro = readOnly.get()) {
            credentials = new ProfileCredentialsProvider(fixture.settings(), "admin", CLOCK, ResolveOptions.NONE).resolve();
        }
        assertThat(credentials.accessKeyId()).startsWith("ASIA");
        assertThat(sts.calls("AssumeRole")).isEqualTo(1);
        assertThat(warnings).singleElement().asString().contains("not cached", cache.toString());
        try (var files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aCacheFolderThatIsAFileCostsAWarningNotTheCredentials() throws Exception {
        Files.createDirectories(fixture.home.resolve(".aws/cli"));
        Files.writeString(fixture.home.resolve(".aws/cli/cache"), "not a folder");
        Credentials credentials = new ProfileCredentialsProvider(fixture.settings(), "admin", CLOCK, ResolveOptions.NONE).resolve();
        assertThat(credentials.accessKeyId()).startsWith("ASIA");
        assertThat(sts.calls("AssumeRole")).isEqualTo(1);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("not cached"));
    }
}
