package dev.stscreds.source;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.testkit.Fault;
import dev.stscreds.testkit.LocalEndpoints;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.wire.query.QueryClient;
import dev.stscreds.wire.sts.StsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value that could change what a shell or a file does with it is refused where it enters, from
 * every source, with an error naming the field and the source and never the value.
 */
class HostileValuesAtEntryTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ID = "ASIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String PAYLOAD = "x'$(touch pwned)`touch pwned`";

    @RegisterExtension
    static LocalEndpoints endpoints = LocalEndpoints.create();

    @TempDir
    Path home;

    private static void refused(ThrowingCallable call, String... fragments) {
        var failure = assertThatThrownBy(call).isInstanceOf(CredentialsException.class).hasMessageNotContaining("touch");
        for (String f : fragments) failure.hasMessageContaining(f);
    }

    @Test
    void environment() {
        Settings s = Settings.of(Map.of(), Map.of("AWS_ACCESS_KEY_ID", ID, "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_SESSION_TOKEN", PAYLOAD), home);
        refused(() -> new EnvironmentCredentialsProvider(s, CLOCK).resolve(), "the session token from ", "environment");
        Settings badId = Settings.of(Map.of(), Map.of("AWS_ACCESS_KEY_ID", "AKIA EXAMPLE;id", "AWS_SECRET_ACCESS_KEY", SECRET), home);
        refused(() -> new EnvironmentCredentialsProvider(badId, CLOCK).resolve(), "the access key id from ", "environment",
                "only letters, digits and _");
    }

    @Test
    void credentialsFile() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[dev]\naws_access_key_id = " + ID + "\naws_secret_access_key = "
                + SECRET + "'\n");
        Settings s = Settings.of(Map.of(), Map.of(), home);
        refused(() -> new ProfileCredentialsProvider(s, "dev", CLOCK).resolve(), "the secret access key from profile dev");
    }

    @Test
    void credentialProcess() {
        String label = "credential_process in profile dev";
        refused(() -> CredentialProcessOutput.parse("{\"Version\": 1, \"AccessKeyId\": \"" + ID + "\", \"SecretAccessKey\": \""
                + SECRET + "\", \"SessionToken\": \"t\\ncredential_process = touch pwned\"}", label, CLOCK, "fix it"),
                "the session token from credential_process in profile dev");
        refused(() -> CredentialProcessOutput.parse("{\"Version\": 1, \"AccessKeyId\": \"" + ID + "\", \"SecretAccessKey\": \""
                + SECRET + "\", \"AccountId\": \"1234567890'; touch pwned\"}", label, CLOCK, "fix it"),
                "the account id from credential_process in profile dev is not 12 digits");
        refused(() -> CredentialProcessOutput.parse("{\"Version\": 1, \"AccessKeyId\": \"" + ID + "\", \"SecretAccessKey\": \""
                + SECRET + "\", \"Expiration\": \"+99999-01-01T00:00:00Z\"}", label, CLOCK, "fix it"),
                "the expiration from credential_process in profile dev is outside the years 1 to 9999");
    }

    @Test
    void containerEndpoint() {
        var server = endpoints.container();
        server.credentialsDocument("{\"AccessKeyId\": \"" + ID + "\", \"SecretAccessKey\": \"" + SECRET + "\", \"Token\": \""
                + "t\u2019; New-Item pwned\", \"Expiration\": \"2026-11-22T11:00:00Z\"}");
        Settings s = Settings.of(Map.of(), Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.credentialsUri().toString()), home);
        refused(() -> ContainerCredentialsProvider.builder(s).build().resolve(), "the session token from container endpoint");
    }

    @Test
    void instanceMetadata() {
        var server = endpoints.instanceMetadata().clock(CLOCK);
        server.credentialsDocument("{\"Code\": \"Success\", \"AccessKeyId\": \"" + ID + "\", \"SecretAccessKey\": \"" + SECRET
                + "\\u0000\", \"Token\": \"t\", \"Expiration\": \"2026-11-22T11:00:00Z\"}");
        Settings s = Settings.of(Map.of(), Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.endpoint().toString()), home);
        refused(() -> InstanceMetadataCredentialsProvider.builder(s).clock(CLOCK).build().resolve(),
                "the secret access key from ", "instance metadata");
    }

    @Test
    void sts() {
        try (LocalSts sts = new LocalSts().clock(CLOCK).start()) {
            sts.faults().always(Fault.answer(200, "text/xml", "<GetSessionTokenResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<GetSessionTokenResult><Credentials><AccessKeyId>" + ID + "</AccessKeyId><SecretAccessKey>" + SECRET
                    + "</SecretAccessKey><SessionToken>t&#10;credential_process = touch pwned</SessionToken>"
                    + "<Expiration>2026-11-22T11:00:00Z</Expiration></Credentials></GetSessionTokenResult></GetSessionTokenResponse>"));
            StsClient client = new StsClient(QueryClient.builder("sts", sts.endpoint(), "us-east-1").clock(CLOCK)
                    .random(new Random(7)).pause(d -> { }).build(), CLOCK);
            Credentials caller = Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET, "test");
            refused(() -> client.getSessionToken(caller, Duration.ofHours(1), null, null), "the session token from ");
        }
    }

    @Test
    void everyBuilderChecksSoNoSourceCanSkipIt() {
        refused(() -> Credentials.builder().accessKeyId(ID).secretAccessKey(SECRET).accountId("12345678901a").source("SSO").build(),
                "the account id from SSO");
        refused(() -> Credentials.builder().accessKeyId(ID).secretAccessKey(SECRET).sessionToken("a".repeat(16385))
                .source("SSO").build(), "the session token from SSO is longer than 16384 characters");
        refused(() -> Credentials.builder().accessKeyId(ID).secretAccessKey(SECRET)
                .expiration(Instant.ofEpochMilli(Long.MAX_VALUE)).source("SSO").build(), "the expiration from SSO");
    }
}
