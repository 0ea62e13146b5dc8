package dev.stscreds.testkit.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.testkit.Fault;
import dev.stscreds.testkit.sts.QueryClient.Call;
import dev.stscreds.testkit.sts.QueryClient.Reply;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared fault mechanism on the local STS, and exact call counts. */
class StsFaultsTest extends LocalStsFixture {

    @Test
    void throttlingForOneActionThenNormalAnswersCountedExactly() {
        String role = sts.createRole("R", trustAccount(ACCOUNT));
        sts.faults().next(2, StsFaults.throttling().onlyForAction("AssumeRole"));

        Reply first = client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1");
        ok(client.sts(alice, "GetCallerIdentity")); // not this action: untouched
        Reply second = client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1");
        Reply third = client.sts(alice, "AssumeRole", "RoleArn", role, "RoleSessionName", "s1");

        assertThat(first.status()).isEqualTo(400);
        assertThat(first.code()).isEqualTo("Throttling");
        assertThat(first.message()).isEqualTo("Rate exceeded");
        assertThat(second.code()).isEqualTo("Throttling");
        ok(third);
        assertThat(sts.calls("AssumeRole")).isEqualTo(3);
        assertThat(sts.calls("GetCallerIdentity")).isEqualTo(1);
        assertThat(sts.faults().remaining()).isZero();
    }

    @Test
    void idpCommunicationErrorForWebIdentity() {
        sts.faults().next(1, StsFaults.idpCommunicationError());

        Reply r = client.sts(null, "AssumeRoleWithWebIdentity", "RoleArn", "arn:aws:iam::123456789012:role/R",
                "RoleSessionName", "s1", "WebIdentityToken", "x.y.z");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("IDPCommunicationError");
    }

    @Test
    void aServerErrorWithAnHtmlBody() {
        sts.faults().next(1, StsFaults.serverErrorHtml());

        Reply r = client.sts(alice, "GetCallerIdentity");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.contentType()).isEqualTo("text/html");
        assertThat(r.body()).startsWith("<html>");
    }

    @Test
    void truncatedXmlIsAComplete200WhoseXmlBreaksOff() {
        sts.faults().next(1, StsFaults.truncatedXml());

        Reply r = client.sts(alice, "GetCallerIdentity");

        assertThat(r.status()).isEqualTo(200);
        assertThatThrownBy(() -> r.value("AccessKeyId")).isInstanceOf(AssertionError.class).hasMessageStartingWith("not XML");
    }

    @Test
    void aTruncatedBodyCutsTheConnection() {
        sts.faults().next(1, Fault.truncatedBody());

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> client.sts(alice, "GetCallerIdentity")).isInstanceOf(UncheckedIOException.class));
        ok(client.sts(alice, "GetCallerIdentity"));
    }

    @Test
    void aSlowAnswerRunsIntoTheClientsTimeout() {
        sts.faults().next(1, Fault.delay(Duration.ofSeconds(5)));
        Call call = client.call("sts", alice, "GetCallerIdentity", "2011-06-15");
        call.readTimeoutMillis = 300;

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> client.send(call)).hasCauseInstanceOf(SocketTimeoutException.class));
    }

    @Test
    void aHugeBody() {
        sts.faults().next(1, Fault.oversizedBody(3_000_000));

        Reply r = client.sts(alice, "GetCallerIdentity");

        assertThat(r.body()).hasSize(3_000_000);
    }

    @Test
    void manyThreadsAreAllAnsweredAndCountedExactly() throws Exception {
        int threads = 16;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    go.await();
                    List<String> keys = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        keys.add(ok(client.sts(alice, "GetSessionToken", "DurationSeconds", "900")).value("AccessKeyId"));
                    }
                    return keys;
                }));
            }
            go.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : results) all.addAll(f.get(25, TimeUnit.SECONDS));

            assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
            assertThat(sts.calls("GetSessionToken")).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }
}
