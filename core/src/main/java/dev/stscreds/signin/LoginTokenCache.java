package dev.stscreds.signin;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.files.AtomicFiles;
import dev.stscreds.files.FileLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The AWS CLI's sign-in session cache: {@code ~/.aws/login/cache/KEY.json} (or
 * {@code AWS_LOGIN_CACHE_DIRECTORY}), KEY the hex SHA-256 of the trimmed {@code login_session} value.
 * Written atomically, 0600, under a lock, in the AWS CLI's layout, so {@code aws}, the SDKs and
 * stscreds share one session.
 */
public final class LoginTokenCache {
    private static final long MAX_FILE_BYTES = 1 << 20;
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);

    private final Path folder;

    public LoginTokenCache(Path folder) {
        this.folder = folder;
    }

    /** {@code AWS_LOGIN_CACHE_DIRECTORY} when set, else {@code ~/.aws/login/cache}. */
    public static LoginTokenCache forSettings(Settings settings) {
        return new LoginTokenCache(settings.environmentVariable("AWS_LOGIN_CACHE_DIRECTORY")
                .map(settings::expandHome)
                .orElseGet(() -> settings.home().resolve(".aws").resolve("login").resolve("cache")));
    }

    /** Hex SHA-256 of the trimmed session ARN, as botocore's {@code generate_login_cache_key}. */
    public static String key(String loginSession) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(loginSession.trim().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path folder() {
        return folder;
    }

    public Path file(String loginSession) {
        return folder.resolve(key(loginSession) + ".json");
    }

    /**
     * The cached session, expired or not; empty when there is no file.
     *
     * @throws CredentialsException naming the file when it cannot be read or is not a session
     */
    public Optional<LoginToken> read(String loginSession) {
        Path file = file(loginSession);
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) throw new CredentialsException("the sign-in session " + file
                    + " is larger than 1 MiB", "remove it and sign in again with `stscreds login`");
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CredentialsException("could not read the sign-in session " + file + " (" + e.getClass().getSimpleName()
                    + ")", "check the file's owner and mode, or sign in again with `stscreds login`");
        }
        return Optional.of(LoginToken.parse(text, file));
    }

    public void write(String loginSession, LoginToken token) {
        Path file = file(loginSession);
        try (FileLock lock = FileLock.acquire(file, LOCK_TIMEOUT)) {
            AtomicFiles.write(file, token.toJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads the session under the file's lock, lets {@code change} decide what replaces it and writes
     * that when it differs: a refresh token is spent by one process, the others see its result.
     */
    public LoginToken update(String loginSession, UnaryOperator<LoginToken> change) {
        Path file = file(loginSession);
        try (FileLock lock = FileLock.acquire(file, LOCK_TIMEOUT)) {
            LoginToken current = read(loginSession).orElseThrow(() -> new CredentialsException(
                    "the sign-in session " + file + " was removed while it was being refreshed",
                    "sign in again with `stscreds login`"));
            LoginToken next = change.apply(current);
            if (!next.equals(current)) AtomicFiles.write(file, next.toJson().getBytes(StandardCharsets.UTF_8));
            return next;
        }
    }
}
