package dev.stscreds.resolve;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import java.util.List;
import java.util.Optional;

/** The result of resolving a chain: credentials or the failure, and what each source did. */
public final class ChainOutcome {
    private final String chain;
    private final Credentials credentials;
    private final CredentialsException failure;
    private final List<SourceReport> reports;

    private ChainOutcome(String chain, Credentials credentials, CredentialsException failure, List<SourceReport> reports) {
        this.chain = chain;
        this.credentials = credentials;
        this.failure = failure;
        this.reports = List.copyOf(reports);
    }

    static ChainOutcome answered(String chain, Credentials credentials, List<SourceReport> reports) {
        return new ChainOutcome(chain, credentials, null, reports);
    }

    static ChainOutcome failed(String chain, CredentialsException failure, List<SourceReport> reports) {
        return new ChainOutcome(chain, null, failure, reports);
    }

    public String chain() {
        return chain;
    }

    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    public Optional<CredentialsException> failure() {
        return Optional.ofNullable(failure);
    }

    public List<SourceReport> reports() {
        return reports;
    }

    public Credentials credentialsOrThrow() {
        if (credentials == null) throw failure;
        return credentials;
    }
}
