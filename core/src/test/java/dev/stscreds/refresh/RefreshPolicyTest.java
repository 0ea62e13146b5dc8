package dev.stscreds.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefreshPolicyTest {
    private final RefreshPolicy policy = RefreshPolicy.standard();

    @ParameterizedTest(name = "lifetime {0} -> advisory {1}, mandatory {2}")
    @CsvSource({
            // lifetime, advisory, mandatory
            "PT1M,        PT5M,  PT1M",
            "PT5M,        PT5M,  PT1M",
            "PT15M,       PT5M,  PT1M", // a 15-minute session (the shortest STS allows) gets 5 minutes
            "PT20M,       PT5M,  PT1M",
            "PT20M0.001S, PT15M, PT1M",
            "PT1H,        PT15M, PT1M",
            "PT89M59S,    PT15M, PT1M",
            "PT90M,       PT1H,  PT1M",
            "PT12H,       PT1H,  PT1M",
            "PT36H,       PT1H,  PT1M",
    })
    void windowsScaleWithTheLifetime(Duration lifetime, Duration advisory, Duration mandatory) {
        assertThat(policy.advisoryWindow(lifetime)).isEqualTo(advisory);
        assertThat(policy.mandatoryWindow(lifetime)).isEqualTo(mandatory);
    }

    @Test
    void mandatoryWindowIsNeverLongerThanTheAdvisoryWindow() {
        for (long minutes = 0; minutes <= 24 * 60; minutes++) {
            Duration lifetime = Duration.ofMinutes(minutes);
            assertThat(policy.mandatoryWindow(lifetime))
                    .isLessThanOrEqualTo(policy.advisoryWindow(lifetime))
                    .isLessThanOrEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void standardFailureTimesAreThoseOfTheGoSdk() {
        assertThat(policy.failureBackoffMin()).isEqualTo(Duration.ofSeconds(300));
        assertThat(policy.failureBackoffMax()).isEqualTo(Duration.ofSeconds(600));
        assertThat(policy.failureMemoryMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.failureMemoryMax()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitterIsDrawnFromTheGivenRandomOverTheWholeRange() {
        ScriptedRandom lowest = new ScriptedRandom(0.0);
        ScriptedRandom highest = new ScriptedRandom(1.0);

        assertThat(policy.drawFailureBackoffMillis(lowest)).isEqualTo(300_000);
        assertThat(policy.drawFailureBackoffMillis(highest)).isEqualTo(600_000);
        assertThat(policy.drawFailureMemoryMillis(lowest)).isEqualTo(1_000);
        assertThat(policy.drawFailureMemoryMillis(highest)).isEqualTo(5_000);
        assertThat(lowest.draws).extracting(d -> d[0] + ".." + d[1])
                .containsExactly("300000..600001", "1000..5001");
    }

    @Test
    void builderSetsTheFailureTimes() {
        RefreshPolicy custom = RefreshPolicy.builder()
                .failureBackoff(Duration.ofSeconds(10), Duration.ofSeconds(20))
                .failureMemory(Duration.ofMillis(5), Duration.ofMillis(5))
                .build();

        assertThat(custom.drawFailureBackoffMillis(new ScriptedRandom(0.5))).isEqualTo(15_000);
        assertThat(custom.drawFailureMemoryMillis(new ScriptedRandom(0.9))).isEqualTo(5);
    }

    @Test
    void builderRejectsRangesThatMakeNoSense() {
        assertThatThrownBy(() -> RefreshPolicy.builder().failureBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failure backoff");
        assertThatThrownBy(() -> RefreshPolicy.builder().failureMemory(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failure memory");
    }
}
