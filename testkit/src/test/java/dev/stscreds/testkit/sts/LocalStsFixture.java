package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.testkit.sts.QueryClient.Creds;
import dev.stscreds.testkit.sts.QueryClient.Reply;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** A started local STS on a hand-moved clock, with user alice (one key, one MFA device) and a client. */
@Timeout(30)
abstract class LocalStsFixture {
    static final String ACCOUNT = LocalSts.DEFAULT_ACCOUNT;
    static final Instant START = Instant.parse("2026-11-22T11:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final LocalSts sts = new LocalSts().clock(clock).random(new Random(1));
    QueryClient client;
    Creds alice;
    VirtualMfa aliceMfa;

    @BeforeEach
    void startSts() {
        sts.start();
        client = new QueryClient(sts.endpoint(), clock);
        sts.createUser("alice");
        alice = Creds.of(sts.createAccessKey("alice"));
        aliceMfa = sts.createVirtualMfa("alice");
    }

    @AfterEach
    void closeSts() {
        sts.close();
    }

    String code() {
        return aliceMfa.codeAt(clock.instant());
    }

    static Reply ok(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    /** Asserts an AWS error answer: status, code, and the message (exactly). */
    static void assertError(Reply r, int status, String code, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.value("Type")).isEqualTo("Sender");
        if (message != null) assertThat(r.message()).isEqualTo(message);
        assertThat(r.value("RequestId")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    static String trustAccount(String principal) {
        return "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Principal\": {\"AWS\": \"" + principal + "\"}}]}";
    }
}
