package dev.stscreds.cache;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.wire.sts.StsSession;
import java.util.function.Supplier;

/**
 * A role session shared with the AWS CLI: a session the CLI (or an earlier stscreds) cached is
 * used while it has 15 minutes left; otherwise a new one is made — the only moment an MFA code is
 * asked for — and written back for the next process of either tool.
 */
public final class CliCachedCredentialsProvider implements CredentialsProvider {
    private final CliSessionCache cache;
    private final String key;
    private final Supplier<StsSession> newSession;
    private final String name;

    public CliCachedCredentialsProvider(CliSessionCache cache, String key, Supplier<StsSession> newSession, String name) {
        this.cache = cache;
        this.key = key;
        this.newSession = newSession;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Credentials resolve() {
        return cache.read(key).orElseGet(() -> {
            StsSession session = newSession.get();
            cache.write(key, session);
            return session.credentials();
        });
    }
}
