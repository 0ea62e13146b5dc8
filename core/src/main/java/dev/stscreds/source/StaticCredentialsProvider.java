package dev.stscreds.source;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import java.util.Objects;

/** Always answers with the same credentials, e.g. keys read from a profile or handed in by code. */
public final class StaticCredentialsProvider implements CredentialsProvider {
    private final Credentials credentials;

    private StaticCredentialsProvider(Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    public static StaticCredentialsProvider of(Credentials credentials) {
        return new StaticCredentialsProvider(credentials);
    }

    @Override
    public Credentials resolve() {
        return credentials;
    }

    /** The label of the credentials' source. */
    @Override
    public String name() {
        return credentials.source();
    }

    @Override
    public String toString() {
        return "StaticCredentialsProvider[" + credentials + "]";
    }
}
