package dev.stscreds.serve;

import dev.stscreds.CredentialsException;
import dev.stscreds.files.AtomicFiles;
import dev.stscreds.files.BoundedFileReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.random.RandomGenerator;

/**
 * The container token kept in a file that a container mounts: read as the SDKs read it (the whole
 * file; a final newline is forgiven here, as an editor adds one), or created with a new token.
 */
final class TokenFiles {
    private TokenFiles() {}

    static String readOrCreate(Path file, RandomGenerator random) {
        try {
            String token = BoundedFileReader.readString(file, BoundedFileReader.TOKEN_FILE_LIMIT);
            String trimmed = token.endsWith("\n") ? token.substring(0, token.length() - 1) : token;
            if (trimmed.length() < 32 || trimmed.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new CredentialsException("the token in " + file + " is not at least 32 printable characters without spaces",
                        "remove the file to have a new token written there");
            }
            if (!trimmed.equals(token)) {
                // The SDKs send the file's bytes as they are: the file must hold the token alone.
                AtomicFiles.write(file, trimmed.getBytes(StandardCharsets.UTF_8));
            }
            return trimmed;
        } catch (NoSuchFileException e) {
            String token = CredentialServer.newToken(random);
            AtomicFiles.write(file, token.getBytes(StandardCharsets.UTF_8));
            return token;
        } catch (IOException e) {
            throw new CredentialsException("could not read the token file " + file + " (" + e.getMessage() + ")",
                    "check the path and its permissions");
        }
    }
}
