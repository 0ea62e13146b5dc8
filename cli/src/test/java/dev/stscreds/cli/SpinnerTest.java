package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.wire.NetworkActivity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line: silent for fast exchanges, drawn after half a second, erased at the end. */
class SpinnerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ByteArrayOutputStream drawn = new ByteArrayOutputStream();
    private final Spinner spinner = new Spinner(new PrintStream(drawn, true, StandardCharsets.UTF_8), now::get);

    private String drawn() {
        return drawn.toString(StandardCharsets.UTF_8);
    }

    private void advanceMillis(long ms) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void anExchangeShorterThanHalfASecondDrawsNothing() {
        NetworkActivity.Exchange e = spinner.started("sts.amazonaws.com");
        advanceMillis(400);
        spinner.tick();
        e.close();
        spinner.tick();
        assertThat(drawn()).isEmpty();
    }

    @Test
    void aSlowExchangeIsDrawnWithItsHostAndTimeThenErased() {
        NetworkActivity.Exchange e = spinner.started("sts.eu-west-1.amazonaws.com");
        advanceMillis(600);
        spinner.tick();
        advanceMillis(700);
        spinner.tick();
        assertThat(drawn()).contains("waiting for sts.eu-west-1.amazonaws.com (0.6 s)", "(1.3 s)");
        e.close();
        assertThat(drawn()).endsWith("\r\u001b[K");
        int length = drawn().length();
        advanceMillis(1000);
        spinner.tick();
        assertThat(drawn()).as("nothing drawn after the end").hasSize(length);
    }

    @Test
    void overlappingExchangesKeepTheLineUntilTheLastEnds() {
        NetworkActivity.Exchange first = spinner.started("169.254.169.254");
        NetworkActivity.Exchange second = spinner.started("sts.amazonaws.com");
        advanceMillis(800);
        spinner.tick();
        first.close();
        assertThat(drawn()).doesNotEndWith("\r\u001b[K");
        second.close();
        assertThat(drawn()).contains("sts.amazonaws.com").endsWith("\r\u001b[K");
    }

    @Test
    void closingErasesALineStillShown() {
        spinner.started("sts.amazonaws.com");
        advanceMillis(900);
        spinner.tick();
        spinner.close();
        assertThat(drawn()).endsWith("\r\u001b[K");
    }
}
