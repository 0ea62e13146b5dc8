package dev.stscreds.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.config.StscredsHome;
import dev.stscreds.files.AtomicFiles;
import dev.stscreds.files.BoundedFileReader;
import dev.stscreds.files.FileLock;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.Timestamps;
import dev.stscreds.wire.sts.StsSession;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The AWS CLI's session cache, {@code ~/.aws/cli/cache/KEY.json} (SPEC §9), read and written in its
 * own format so that a role session made by either tool is reused by the other: AssumeRole,
 * AssumeRoleWithWebIdentity and IAM Identity Center role credentials.
 *
 * <p>Entries with less than 15 minutes left count as expired, as in botocore. A corrupt, foreign
 * or unreadable file is ignored with a warning (JDK platform logging), never fatal.
 *
 * <p>The folder is the AWS CLI's, so stscreds' lock files live in a folder of its own ({@code locks}):
 * one lock per entry for writes, and one per entry that concurrent processes take while one of them
 * asks STS for a new session ({@link #whileMakingSession}), so that a crowd of cold starts makes one call.
 */
public final class CliSessionCache {
    /** botocore's expiry window: an entry with less left than this is not used. */
    public static final Duration EXPIRY_WINDOW = Duration.ofMinutes(15);
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a process waits for another that is making the same session before it goes ahead alone:
     * longer than an STS exchange with its retries takes, shorter than patience.
     */
    public static final Duration NEW_SESSION_WAIT = Duration.ofSeconds(30);
    private static final JsonFactory JSON = new JsonFactory();

    private final Path folder;
    private final Path locks;
    private final Clock clock;

    /**
     * @param folder the cache folder
     * @param locks  where the lock files go: a folder of stscreds' own, never the cache folder
     */
    public CliSessionCache(Path folder, Path locks, Clock clock) {
        this.folder = folder;
        this.locks = locks;
        this.clock = clock;
    }

    /** The AWS CLI's folder under the home of these settings, with locks in stscreds' own folder. */
    public static CliSessionCache forSettings(Settings settings, Clock clock) {
        return new CliSessionCache(settings.home().resolve(".aws").resolve("cli").resolve("cache"),
                StscredsHome.locks(settings), clock);
    }

    public Path folder() {
        return folder;
    }

    public Path file(String key) {
        return folder.resolve(key + ".json");
    }

    /** The cached session of {@code key} with at least 15 minutes left, if there is one. */
    public Optional<Credentials> read(String key) {
        Path file = file(key);
        String text;
        try {
            text = BoundedFileReader.readString(file, BoundedFileReader.CACHE_FILE_LIMIT);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            warn(file, "could not be read (" + reason(e) + ")");
            return Optional.empty();
        }
        try {
            Credentials credentials = parse(text, file);
            Instant usableUntil = credentials.expiration().orElseThrow().minus(EXPIRY_WINDOW);
            return clock.instant().isBefore(usableUntil) ? Optional.of(credentials) : Optional.empty();
        } catch (CredentialsException e) {
            warn(file, "is not a cached session: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes a session as the AWS CLI would: atomically, mode 0600, under a lock. */
    public void write(String key, StsSession session) {
        writeJson(key, toJson(session, Optional.empty()));
    }

    /**
     * Writes a session, or warns when it cannot be written (read-only home, full disk): the credentials
     * STS has just handed out are still good, and botocore too hands them out when its cache fails.
     *
     * @return whether the session was saved
     */
    public boolean writeOrWarn(String key, StsSession session) {
        try {
            write(key, session);
            return true;
        } catch (CredentialsException e) {
            warnNotSaved(key, e);
            return false;
        }
    }

    /** As {@link #writeOrWarn(String, StsSession)}, for {@link #write(String, Credentials, String)}. */
    public boolean writeOrWarn(String key, Credentials credentials, String providerType) {
        try {
            write(key, credentials, providerType);
            return true;
        } catch (CredentialsException e) {
            warnNotSaved(key, e);
            return false;
        }
    }

    private void warnNotSaved(String key, CredentialsException e) {
        System.getLogger(CliSessionCache.class.getName()).log(System.Logger.Level.WARNING,
                "the new session is used but not cached, so the next process asks for another: " + e.getMessage()
                        + e.hint().map(h -> " (" + h + ")").orElse(""));
    }

    private FileLock writeLock(String fileName) {
        return FileLock.acquireNamed(locks, "aws-cli-cache." + fileName, LOCK_TIMEOUT);
    }

    /**
     * Runs {@code make} (which asks STS for the session of {@code key} and caches it) while holding the
     * entry's new-session lock, shared with other processes and threads: whoever waited re-reads the cache
     * first and finds the session the holder made. A wait longer than {@link #NEW_SESSION_WAIT}, or a lock
     * that cannot be taken at all (stscreds' folder not writable), is not an error: the caller goes ahead alone.
     */
    public Credentials whileMakingSession(String key, java.util.function.Supplier<Credentials> make) {
        FileLock lock;
        try {
            lock = FileLock.acquireNamed(locks, "aws-cli-cache." + key + ".json.new-session", NEW_SESSION_WAIT);
        } catch (CredentialsException e) {
            System.getLogger(CliSessionCache.class.getName()).log(System.Logger.Level.DEBUG,
                    "making the session without the new-session lock: " + e.getMessage());
            return make.get();
        }
        try (lock) {
            Optional<Credentials> madeMeanwhile = read(key);
            return madeMeanwhile.isPresent() ? madeMeanwhile.get() : make.get();
        }
    }

    private void writeJson(String key, String json) {
        Path file = file(key);
        try (FileLock lock = writeLock(file.getFileName().toString())) {
            AtomicFiles.write(file, json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Writes temporary credentials that did not come from STS the way botocore caches them: the
     * expiry in whole seconds, {@code Z}, and {@code ProviderType} (botocore writes {@code sso} for
     * IAM Identity Center roles, which {@code sso logout} removes).
     *
     * @throws IllegalArgumentException when they have no session token or no expiry: long-term keys are never cached
     */
    public void write(String key, Credentials credentials, String providerType) {
        if (credentials.sessionToken().isEmpty() || credentials.expiration().isEmpty()) {
            throw new IllegalArgumentException("only temporary credentials with an expiry are cached");
        }
        String expiration = DateTimeFormatter.ISO_INSTANT.format(credentials.expiration().get().truncatedTo(ChronoUnit.SECONDS));
        StsSession session = new StsSession(credentials, expiration, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        writeJson(key, toJson(session, Optional.of(providerType)));
    }

    /** Removes the cached sessions whose {@code ProviderType} is {@code providerType} (e.g. {@code sso}); returns how many. */
    public int clear(String providerType) {
        return clearMatching(file -> {
            try {
                JsonDocument doc = JsonDocument.parseObject(
                        BoundedFileReader.readString(file, BoundedFileReader.CACHE_FILE_LIMIT), file.toString());
                return doc.string("ProviderType").filter(providerType::equals).isPresent();
            } catch (IOException | UncheckedIOException | CredentialsException e) {
                return false; // not ours to judge: a file we cannot read is left alone
            }
        });
    }

    /** Removes every cached session ({@code *.json}) of the folder; returns how many. */
    public int clear() {
        return clearMatching(file -> true);
    }

    private int clearMatching(Predicate<Path> remove) {
        if (!Files.isDirectory(folder)) return 0;
        int removed = 0;
        try (var files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path f : files) {
                try (FileLock lock = writeLock(f.getFileName().toString())) {
                    if (remove.test(f) && Files.deleteIfExists(f)) removed++;
                }
            }
        } catch (IOException e) {
            throw new CredentialsException("could not clear " + folder + ": " + e.getMessage(),
                    "check that the folder is writable by this user");
        }
        return removed;
    }

    private static Credentials parse(String text, Path file) {
        JsonDocument doc = JsonDocument.parseObject(text, file.toString());
        Object raw = doc.raw("Credentials");
        if (!(raw instanceof Map<?, ?> creds)) {
            throw new CredentialsException("it has no \"Credentials\" object");
        }
        String expiration = stringField(creds, "Expiration");
        Object accountId = creds.get("AccountId");
        Object roleArn = doc.raw("AssumedRoleUser") instanceof Map<?, ?> user ? user.get("Arn") : null;
        return Credentials.builder()
                .accessKeyId(stringField(creds, "AccessKeyId"))
                .secretAccessKey(stringField(creds, "SecretAccessKey"))
                .sessionToken(stringField(creds, "SessionToken"))
                .expiration(parseExpiration(expiration, file))
                .accountId(accountId instanceof String s ? s : roleArn instanceof String arn ? accountOf(arn) : null)
                .source("AWS CLI cache " + file)
                .build();
    }

    /** ISO-8601 as STS writes it, or botocore's own {@code 2026-11-22T12:00:00UTC}. */
    static Instant parseExpiration(String text, Path file) {
        String iso = text.endsWith("UTC") ? text.substring(0, text.length() - 3) + "Z" : text;
        return Timestamps.parseIso(iso, "\"Expiration\" in " + file);
    }

    private static String stringField(Map<?, ?> object, String name) {
        Object v = object.get(name);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw new CredentialsException("\"Credentials\" has no \"" + name + "\" string");
        }
        return s;
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length >= 5 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }

    static String toJson(StsSession session, Optional<String> providerType) {
        Credentials c = session.credentials();
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (providerType.isPresent()) g.writeStringField("ProviderType", providerType.get());
            g.writeObjectFieldStart("Credentials");
            g.writeStringField("AccessKeyId", c.accessKeyId());
            g.writeStringField("SecretAccessKey", c.secretAccessKey());
            g.writeStringField("SessionToken", c.sessionToken().orElseThrow());
            g.writeStringField("Expiration", session.expirationText());
            if (c.accountId().isPresent()) g.writeStringField("AccountId", c.accountId().get());
            g.writeEndObject();
            if (session.assumedRoleArn().isPresent()) {
                g.writeObjectFieldStart("AssumedRoleUser");
                if (session.assumedRoleId().isPresent()) g.writeStringField("AssumedRoleId", session.assumedRoleId().get());
                g.writeStringField("Arn", session.assumedRoleArn().get());
                g.writeEndObject();
            }
            if (session.sourceIdentity().isPresent()) g.writeStringField("SourceIdentity", session.sourceIdentity().get());
            if (session.packedPolicySize().isPresent()) g.writeNumberField("PackedPolicySize", session.packedPolicySize().get());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) return fse.getReason();
        return e.getClass().getSimpleName();
    }

    private static void warn(Path file, String problem) {
        // Looked up here, not at class load: logging costs start-up time on the cache-hit path.
        System.getLogger(CliSessionCache.class.getName())
                .log(System.Logger.Level.WARNING, "ignoring the cached session " + file + ": it " + problem);
    }
}
