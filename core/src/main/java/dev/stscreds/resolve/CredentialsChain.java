package dev.stscreds.resolve;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.CredentialsProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Tries sources in order and records why each one was skipped or failed.
 *
 * <p>A source with nothing configured is skipped. A source that is configured but fails stops the
 * chain (as botocore and the Go SDK do): falling through to the next source would silently hand
 * out another identity than the one the user configured.
 */
public final class CredentialsChain implements CredentialsProvider {
    private final String name;
    private final List<ChainLink> links;

    public CredentialsChain(String name, List<ChainLink> links) {
        this.name = name;
        this.links = List.copyOf(links);
    }

    public List<ChainLink> links() {
        return links;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Credentials resolve() {
        return resolveReporting().credentialsOrThrow();
    }

    /** Resolves and records what each source did; never throws a {@link CredentialsException}. */
    public ChainOutcome resolveReporting() {
        List<SourceReport> reports = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            ChainLink link = links.get(i);
            try {
                Credentials credentials = link.provider().resolve();
                reports.add(new SourceReport(link.name(), SourceReport.Status.ANSWERED, credentials.source()));
                notTried(i + 1, reports);
                return ChainOutcome.answered(name, credentials, reports);
            } catch (CredentialsNotConfiguredException skipped) {
                reports.add(new SourceReport(link.name(), SourceReport.Status.SKIPPED, skipped.getMessage()));
            } catch (CredentialsException failed) {
                reports.add(new SourceReport(link.name(), SourceReport.Status.FAILED, failed.getMessage()));
                notTried(i + 1, reports);
                return ChainOutcome.failed(name, failed, reports);
            }
        }
        return ChainOutcome.failed(name, noneAnswered(reports), reports);
    }

    /** What each source would do, told without network calls or child processes. */
    public List<SourceReport> check() {
        List<SourceReport> reports = new ArrayList<>();
        boolean decided = false;
        for (ChainLink link : links) {
            if (decided) {
                reports.add(new SourceReport(link.name(), SourceReport.Status.NOT_TRIED, "an earlier source decides"));
                continue;
            }
            SourceReport report = link.check();
            reports.add(report);
            decided = report.status() == SourceReport.Status.CONFIGURED || report.status() == SourceReport.Status.FAILED;
        }
        return reports;
    }

    private void notTried(int from, List<SourceReport> reports) {
        for (int j = from; j < links.size(); j++) {
            reports.add(new SourceReport(links.get(j).name(), SourceReport.Status.NOT_TRIED, "an earlier source decided"));
        }
    }

    private CredentialsException noneAnswered(List<SourceReport> reports) {
        StringBuilder m = new StringBuilder("no credentials found in the ").append(name).append(':');
        for (SourceReport r : reports) {
            m.append("\n  - ").append(r.source()).append(": ").append(r.detail());
        }
        return new CredentialsException(m.toString(),
                "configure one of the sources above, e.g. run `stscreds init` for a profile, "
                        + "or run `stscreds explain` to see how each source was checked");
    }
}
