package dev.stscreds.sso;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stscreds.CredentialsException;
import dev.stscreds.cache.Sha1;
import dev.stscreds.config.Settings;
import dev.stscreds.config.StscredsHome;
import dev.stscreds.files.AtomicFiles;
import dev.stscreds.files.BoundedFileReader;
import dev.stscreds.files.FileLock;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.Timestamps;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The AWS CLI's IAM Identity Center token cache, {@code ~/.aws/sso/cache/KEY.json} (SPEC §9), read and
 * written in its format so that a login by either tool serves both: KEY is the hex SHA-1 of the
 * sso-session name, or of the start URL for a legacy profile; fields {@code startUrl, region,
 * accessToken, expiresAt} (ISO, {@code Z}) and, for sso-session logins, {@code clientId,
 * clientSecret, registrationExpiresAt, refreshToken}. Files are written atomically, 0600, under a lock.
 */
public final class SsoTokenCache {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** As botocore's {@code _sso_json_dumps} writes times: whole seconds, {@code Z}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final Path folder;
    private final Path locks;

    /**
     * @param folder the token cache folder
     * @param locks  where the lock files go: a folder of stscreds' own, never the cache folder (the AWS CLI's)
     */
    public SsoTokenCache(Path folder, Path locks) {
        this.folder = folder;
        this.locks = locks;
    }

    /** {@code ~/.aws/sso/cache} under the home of these settings, with locks in stscreds' own folder. */
    public static SsoTokenCache forSettings(Settings settings) {
        return new SsoTokenCache(settings.home().resolve(".aws").resolve("sso").resolve("cache"), StscredsHome.locks(settings));
    }

    private FileLock lock(Path file) {
        return FileLock.acquireNamed(locks, "aws-sso-cache." + file.getFileName(), LOCK_TIMEOUT);
    }

    /** The cache key: SHA-1 of the session name when there is one, else of the start URL (botocore's SSOTokenLoader). */
    public static String key(Optional<String> sessionName, String startUrl) {
        return Sha1.hex(sessionName.orElse(startUrl));
    }

    public Path folder() {
        return folder;
    }

    public Path file(String key) {
        return folder.resolve(key + ".json");
    }

    /**
     * The token cached under {@code key}, expired or not; empty when there is no file.
     *
     * @throws CredentialsException naming the file when it cannot be read or is not a token
     */
    public Optional<SsoToken> read(String key) {
        Path file = file(key);
        String text;
        try {
            text = BoundedFileReader.readString(file, BoundedFileReader.CACHE_FILE_LIMIT);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            throw new CredentialsException("could not read the IAM Identity Center token " + file + " ("
                    + (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason()
                            : e.getClass().getSimpleName()) + ")", "check the file's owner and mode, or log in again");
        }
        return Optional.of(parse(text, file));
    }

    /** Writes the token as the AWS CLI would. */
    public void write(String key, SsoToken token) {
        Path file = file(key);
        byte[] content = toJson(token).getBytes(StandardCharsets.UTF_8);
        try (FileLock lock = lock(file)) {
            AtomicFiles.write(file, content);
        }
    }

    /**
     * Reads the token of {@code key} under the file's lock, lets {@code change} decide what replaces it,
     * and writes that when it differs. Another process or thread changing the same token waits, then
     * sees the change: a refresh token is spent once, not once per process that noticed the expiry.
     *
     * @return what {@code change} returned
     */
    public SsoToken update(String key, UnaryOperator<SsoToken> change) {
        Path file = file(key);
        try (FileLock lock = lock(file)) {
            SsoToken current = read(key).orElseThrow(() -> new CredentialsException(
                    "the IAM Identity Center token " + file + " was removed while it was being renewed", "log in again"));
            SsoToken next = change.apply(current);
            if (!next.equals(current)) {
                try {
                    AtomicFiles.write(file, toJson(next).getBytes(StandardCharsets.UTF_8));
                } catch (CredentialsException e) {
                    // The renewal has spent the old refresh token: the new token must be used even if it cannot be kept.
                    System.getLogger(SsoTokenCache.class.getName()).log(System.Logger.Level.WARNING,
                            "the renewed IAM Identity Center token is used but not cached: " + e.getMessage());
                }
            }
            return next;
        }
    }

    /** Removes the token of {@code key}; true when there was one. */
    public boolean delete(String key) {
        Path file = file(key);
        try (FileLock lock = lock(file)) {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CredentialsException("could not remove " + file + ": " + e.getMessage(),
                    "check that the folder is writable by this user");
        }
    }

    static SsoToken parse(String text, Path file) {
        JsonDocument doc;
        try {
            doc = JsonDocument.parseObject(text, "the IAM Identity Center token " + file);
        } catch (CredentialsException e) {
            throw new CredentialsException(e.getMessage(), "log in again to replace it");
        }
        String accessToken = doc.string("accessToken").orElseThrow(() -> notAToken(file, "it has no accessToken"));
        String expiresAt = doc.string("expiresAt").orElseThrow(() -> notAToken(file, "it has no expiresAt"));
        return new SsoToken(doc.string("startUrl").orElse(""), doc.string("region").orElse(""), accessToken,
                time(expiresAt, "expiresAt in " + file), doc.string("clientId"), doc.string("clientSecret"),
                doc.string("registrationExpiresAt").map(t -> time(t, "registrationExpiresAt in " + file)),
                doc.string("refreshToken"));
    }

    /** ISO-8601; older AWS CLI versions wrote {@code 2026-11-22T12:00:00UTC}. */
    private static Instant time(String text, String what) {
        String iso = text.endsWith("UTC") ? text.substring(0, text.length() - 3) + "Z" : text;
        return Timestamps.parseIso(iso, what);
    }

    static String toJson(SsoToken token) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("startUrl", token.startUrl());
            g.writeStringField("region", token.region());
            g.writeStringField("accessToken", token.accessToken());
            g.writeStringField("expiresAt", format(token.expiresAt()));
            if (token.clientId().isPresent()) g.writeStringField("clientId", token.clientId().get());
            if (token.clientSecret().isPresent()) g.writeStringField("clientSecret", token.clientSecret().get());
            if (token.registrationExpiresAt().isPresent()) {
                g.writeStringField("registrationExpiresAt", format(token.registrationExpiresAt().get()));
            }
            if (token.refreshToken().isPresent()) g.writeStringField("refreshToken", token.refreshToken().get());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String format(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    private static CredentialsException notAToken(Path file, String why) {
        return new CredentialsException(file + " is not an IAM Identity Center token: " + why, "log in again to replace it");
    }
}
