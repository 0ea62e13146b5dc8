package dev.stscreds.resolve;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A structured account of how a profile or the default chain resolves: which source answers, why
 * the others were skipped, where each key came from, and when the credentials expire. Holds no
 * secret: key ids are masked and secret values replaced.
 *
 * @param target        {@code default chain} or {@code profile NAME}
 * @param profileName   the profile explained (for the default chain: the one its profile source uses)
 * @param sources       what each source did (resolved) or would do (not resolved)
 * @param profileChain  for a profile: the profile, then the profile it takes credentials from, and so on
 * @param keys          every key of the merged profile, with its file:line
 * @param warnings      problems in the profile files, each starting with file:line
 * @param resolved      whether sources were really asked (network calls, processes)
 * @param credentials   the credentials found, when resolved
 * @param failure       why resolution failed, or why the static check says it would fail
 * @param settingsInEffect settings that change where calls go (FIPS, dual-stack, legacy STS, proxies, CA bundle), one line each
 */
public record Explanation(
        String target,
        Optional<String> profileName,
        List<SourceReport> sources,
        List<ChainStep> profileChain,
        List<ExplainedKey> keys,
        List<String> warnings,
        boolean resolved,
        Optional<ResolvedCredentials> credentials,
        Optional<Failure> failure,
        List<String> settingsInEffect) {

    /** One profile of a chain and how it gets its credentials. */
    public record ChainStep(String profile, String summary, List<ExplainedKey> keysUsed) {}

    /** A profile key as it may be shown: secrets masked, with the file:line that set it. */
    public record ExplainedKey(String profile, String key, String value, String location) {}

    /** The credentials found, with the access key id masked. */
    public record ResolvedCredentials(String accessKeyId, String source, boolean temporary,
                                      Optional<Instant> expiration, Optional<String> accountId) {}

    /** What failed and what to do. */
    public record Failure(String message, Optional<String> hint) {}

    /** The source that answered (resolved) or would answer (not resolved), if any. */
    public Optional<SourceReport> deciding() {
        return sources.stream()
                .filter(s -> s.status() == SourceReport.Status.ANSWERED
                        || s.status() == SourceReport.Status.CONFIGURED
                        || s.status() == SourceReport.Status.FAILED)
                .findFirst();
    }
}
