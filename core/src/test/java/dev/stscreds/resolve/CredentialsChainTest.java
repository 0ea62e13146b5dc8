package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.CredentialsProvider;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CredentialsChainTest {

    private static ChainLink link(String name, CredentialsProvider provider, SourceReport.Status staticStatus) {
        return new ChainLink() {
            public String name() { return name; }
            public CredentialsProvider provider() { return provider; }
            public SourceReport check() { return new SourceReport(name, staticStatus, "static " + name); }
        };
    }

    @Test
    void skipsUnconfiguredSourcesAndRecordsWhy() {
        AtomicInteger lastCalls = new AtomicInteger();
        CredentialsChain chain = new CredentialsChain("test chain", List.of(
                link("a", () -> { throw new CredentialsNotConfiguredException("A is not set"); }, SourceReport.Status.SKIPPED),
                link("b", () -> Credentials.of("AKIDB", "s", "b"), SourceReport.Status.CONFIGURED),
                link("c", () -> { lastCalls.incrementAndGet(); return Credentials.of("AKIDC", "s", "c"); }, SourceReport.Status.CONFIGURED)));

        ChainOutcome outcome = chain.resolveReporting();

        assertThat(outcome.credentials()).get().extracting(Credentials::accessKeyId).isEqualTo("AKIDB");
        assertThat(outcome.reports()).extracting(SourceReport::status).containsExactly(
                SourceReport.Status.SKIPPED, SourceReport.Status.ANSWERED, SourceReport.Status.NOT_TRIED);
        assertThat(outcome.reports().get(0).detail()).isEqualTo("A is not set");
        assertThat(lastCalls).hasValue(0);
    }

    @Test
    void aConfiguredSourceThatFailsStopsTheChain() {
        AtomicInteger laterCalls = new AtomicInteger();
        CredentialsChain chain = new CredentialsChain("test chain", List.of(
                link("broken", () -> { throw new CredentialsException("process exited 1", "fix it"); }, SourceReport.Status.CONFIGURED),
                link("later", () -> { laterCalls.incrementAndGet(); return Credentials.of("AKID", "s", "l"); }, SourceReport.Status.CONFIGURED)));

        ChainOutcome outcome = chain.resolveReporting();

        assertThat(outcome.credentials()).isEmpty();
        assertThat(outcome.failure()).get().extracting(Throwable::getMessage).isEqualTo("process exited 1");
        assertThat(outcome.reports()).extracting(SourceReport::status)
                .containsExactly(SourceReport.Status.FAILED, SourceReport.Status.NOT_TRIED);
        assertThat(laterCalls).hasValue(0);
    }

    @Test
    void staticCheckStopsAtTheFirstDecidingSource() {
        CredentialsChain chain = new CredentialsChain("test chain", List.of(
                link("a", () -> null, SourceReport.Status.SKIPPED),
                link("b", () -> null, SourceReport.Status.CONFIGURED),
                link("c", () -> null, SourceReport.Status.CONFIGURED)));

        assertThat(chain.check()).extracting(SourceReport::status).containsExactly(
                SourceReport.Status.SKIPPED, SourceReport.Status.CONFIGURED, SourceReport.Status.NOT_TRIED);
    }
}
