package dev.stscreds.config;

import dev.stscreds.files.BoundedFileReader;

import dev.stscreds.CredentialsException;
import dev.stscreds.files.AtomicFiles;
import dev.stscreds.files.FileLock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Edits one profile of one config or credentials file and leaves every other byte as it was: comments,
 * blank lines, order, unknown keys, other profiles, the line ending style and a missing final newline.
 *
 * <p>Each edit holds a {@link FileLock} on the file from reading to writing, so concurrent editors, in this
 * process or another, never lose each other's changes; the file is replaced atomically with mode 0600
 * ({@link AtomicFiles}). An edit that changes nothing writes nothing.
 *
 * <p>How keys are written: {@code key = value} ({@code key =#value} when the value starts with {@code #} or
 * {@code ;}, which after a space would read as a comment). A key that is already set is replaced on its line (the last
 * line that sets it, which is the one the reader uses; its inline comment is kept, its continuation lines
 * and any earlier lines setting the same key in the profile are removed). New keys go after the last
 * property line of the profile's last section. A profile that does not exist is appended as
 * {@code [profile NAME]} in the config file or {@code [NAME]} in the credentials file ({@code [default]} in
 * both). In the config file, edits of {@code default} go to {@code [profile default]} when it exists, since
 * that is what the reader uses.
 *
 * <p>Refused before anything is written (with a {@link CredentialsException}): a profile name or key that
 * the reader would not accept, a value with a line break, leading or trailing whitespace or an inline
 * comment marker (whitespace then {@code #} or {@code ;}), since it would not read back the same; a file
 * that is not UTF-8 or that the reader cannot read ({@link ProfileFileException}).
 */
public final class ProfileFileEditor {
    /** How long an edit waits for another editor to finish. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

    private final Path file;
    private final ProfileFileKind kind;
    private final Duration lockTimeout;

    private ProfileFileEditor(Path file, ProfileFileKind kind, Duration lockTimeout) {
        this.file = Objects.requireNonNull(file, "file");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
    }

    public static ProfileFileEditor of(Path file, ProfileFileKind kind) {
        return new ProfileFileEditor(file, kind, DEFAULT_LOCK_TIMEOUT);
    }

    /** A copy that waits at most {@code timeout} for the file's lock. */
    public ProfileFileEditor withLockTimeout(Duration timeout) {
        return new ProfileFileEditor(file, kind, timeout);
    }

    public Path file() {
        return file;
    }

    public ProfileFileKind kind() {
        return kind;
    }

    /**
     * Sets (adds or replaces) and removes keys of one profile, creating the profile, and the file with its
     * folder, when absent. New keys are written in the iteration order of {@code set}. When the profile is
     * absent and {@code set} is empty nothing is written.
     */
    public void update(String profileName, Map<String, String> set, Set<String> remove) {
        checkProfileName(profileName);
        Map<String, String> toSet = new LinkedHashMap<>(Objects.requireNonNull(set, "set"));
        Set<String> toRemove = new LinkedHashSet<>(Objects.requireNonNull(remove, "remove"));
        toSet.forEach((key, value) -> checkProperty(profileName, key, value));
        toRemove.forEach(key -> checkKey(profileName, key));
        for (String key : toRemove) {
            if (toSet.containsKey(key)) {
                throw new CredentialsException("Key '" + key + "' of profile '" + profileName + "' is both set and removed",
                        "set it or remove it, not both");
            }
        }
        edit(text -> new ProfileTextEdit(text, file, kind).update(profileName, toSet, toRemove));
    }

    /** Deletes the section(s) of one profile and nothing else; a profile that is not there is no change. */
    public void removeProfile(String profileName) {
        checkProfileName(profileName);
        edit(text -> new ProfileTextEdit(text, file, kind).removeProfile(profileName));
    }

    @SuppressWarnings("try") // the lock is held for the block's duration, never read
    private void edit(UnaryOperator<String> change) {
        try (FileLock lock = FileLock.acquire(file, lockTimeout)) {
            String before = readStrictly().orElse("");
            String after = change.apply(before);
            if (after.equals(before)) return;
            AtomicFiles.write(file, after.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The file's text, or empty when it does not exist. Not lenient: an edit must give back every byte. */
    private Optional<String> readStrictly() {
        byte[] bytes;
        try {
            bytes = BoundedFileReader.read(file, BoundedFileReader.PROFILE_FILE_LIMIT);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CredentialsException("Could not read the " + kind.description() + " " + file + ": " + e.getMessage(),
                    "check that it is a file readable by this user", e);
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new CredentialsException("Refusing to edit " + file + ": it is not valid UTF-8",
                    "convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8), then try again");
        }
    }

    private void checkProfileName(String profileName) {
        Objects.requireNonNull(profileName, "profileName");
        if (!ProfileFileParser.NAME.matcher(profileName).matches()) {
            throw new CredentialsException("Profile name '" + printable(profileName) + "' is not valid",
                    "a profile name may only contain " + ProfileFileParser.NAME_RULE);
        }
    }

    private void checkKey(String profileName, String key) {
        Objects.requireNonNull(key, "key");
        if (!ProfileFileParser.NAME.matcher(key).matches()) {
            throw new CredentialsException("Key '" + printable(key) + "' of profile '" + profileName + "' is not valid",
                    "a key may only contain " + ProfileFileParser.NAME_RULE);
        }
    }

    /** A value must read back exactly; the message names the key only, since values may be secrets. */
    private void checkProperty(String profileName, String key, String value) {
        checkKey(profileName, key);
        Objects.requireNonNull(value, () -> "value of " + key);
        String problem = null;
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            problem = "contains a line break";
        } else if (!value.equals(value.trim())) {
            problem = "starts or ends with whitespace, which the reader would drop";
        } else if (ProfileFileParser.propertyCommentStart(value) < value.length()) {
            problem = "contains whitespace followed by '#' or ';', which the reader would take for a comment";
        }
        if (problem != null) {
            throw new CredentialsException(
                    "The value for key '" + key + "' of profile '" + profileName + "' " + problem,
                    "nothing was written; a profile file value is one line, read up to an inline comment");
        }
    }

    private static String printable(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return "ProfileFileEditor[" + kind.description() + " " + file + "]";
    }
}
