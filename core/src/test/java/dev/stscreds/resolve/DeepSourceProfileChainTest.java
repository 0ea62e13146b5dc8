package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stscreds.config.ProfileFileException;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.testing.ProfileFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source_profile chain longer than {@value ProfileResolver#MAX_CHAIN_LENGTH} profiles is refused with one
 * clear error that names where the chain starts, not a StackOverflowError; a chain within the limit resolves.
 */
class DeepSourceProfileChainTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** p0 → p1 → … → p(length-1), which has keys. */
    private ProfileFixture chain(int length) {
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < length - 1; i++) {
            config.append("[profile p").append(i).append("]\nrole_arn = arn:aws:iam::123456789012:role/r").append(i)
                    .append("\nsource_profile = p").append(i + 1).append('\n');
        }
        config.append("[profile p").append(length - 1).append("]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = secretsecretsecret\n");
        return new ProfileFixture(dir).config(config.toString());
    }

    @Test
    void aChainAThousandDeepIsAClearErrorNamingItsStart() {
        ProfileFixture f = chain(1000);
        Throwable t = catchThrowable(() -> new ProfileResolver(ProfileSet.load(f.settings())).plan("p0"));
        assertThat(t).isInstanceOf(ProfileFileException.class)
                .hasMessageContaining("the source_profile chain that starts at profile p0 is longer than "
                        + ProfileResolver.MAX_CHAIN_LENGTH + " profiles")
                .hasMessageContaining("p0 → p1 → p2");
        assertThat(t.getMessage()).hasSizeLessThan(600);
    }

    @Test
    void explainAndResolveGiveTheSameErrorWithoutAStackOverflow() {
        ProfileFixture f = chain(1000);
        Throwable explained = catchThrowable(() -> new Explainer(f.settings(), CLOCK).explainProfile("p500", false));
        Throwable resolved = catchThrowable(() -> new ProfileCredentialsProvider(f.settings(), "p500", CLOCK, ResolveOptions.NONE).resolve());
        for (Throwable t : new Throwable[] {explained, resolved}) {
            if (t != null) {
                assertThat(t).isNotInstanceOf(StackOverflowError.class);
                assertThat(t.getMessage()).contains("starts at profile p500").hasSizeLessThan(600);
            }
        }
        assertThat(resolved).isNotNull();
    }

    @Test
    void aChainAtTheLimitIsPlanned() {
        ProfilePlan plan = new ProfileResolver(ProfileSet.load(chain(ProfileResolver.MAX_CHAIN_LENGTH).settings())).plan("p0");
        int length = 1;
        for (ProfilePlan p = plan; p.source().isPresent(); p = p.source().get()) length++;
        assertThat(length).isEqualTo(ProfileResolver.MAX_CHAIN_LENGTH);
    }
}
