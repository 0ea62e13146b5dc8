package dev.stscreds.cache;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.wire.sts.StsSession;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A session shared with the AWS CLI: a session the CLI (or an earlier stscreds) cached is used
 * while it has 15 minutes left; otherwise a new one is made — the only moment an MFA code is
 * asked for — and written back for the next process of either tool. Processes that miss the cache at
 * the same moment make one session between them: the others wait for it (see
 * {@link CliSessionCache#whileMakingSession}). A cache that cannot be written
 * costs a warning, never the credentials.
 */
public final class CliCachedCredentialsProvider implements CredentialsProvider {
    private final CliSessionCache cache;
    private final String key;
    private final Supplier<Credentials> makeAndStore;
    private final String name;

    private CliCachedCredentialsProvider(CliSessionCache cache, String key, Supplier<Credentials> makeAndStore, String name) {
        this.cache = cache;
        this.key = key;
        this.makeAndStore = makeAndStore;
        this.name = name;
    }

    /** Role sessions from STS (AssumeRole, AssumeRoleWithWebIdentity), cached with the assumed-role user. */
    public static CliCachedCredentialsProvider ofSessions(CliSessionCache cache, String key, Supplier<StsSession> newSession,
                                                          String name) {
        return new CliCachedCredentialsProvider(cache, key, () -> {
            StsSession session = newSession.get();
            cache.writeOrWarn(key, session);
            return session.credentials();
        }, name);
    }

    /** Temporary credentials from another source with an expiry, e.g. IAM Identity Center roles ({@code providerType} sso). */
    public static CliCachedCredentialsProvider ofCredentials(CliSessionCache cache, String key, String providerType,
                                                             CredentialsProvider upstream, String name) {
        return new CliCachedCredentialsProvider(cache, key, () -> {
            Credentials credentials = upstream.resolve();
            cache.writeOrWarn(key, credentials, providerType);
            return credentials;
        }, name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Credentials resolve() {
        Optional<Credentials> cached = cache.read(key);
        return cached.isPresent() ? cached.get() : cache.whileMakingSession(key, makeAndStore);
    }
}
