package dev.stscreds.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * The one way stscreds reads a whole file from disk (profile files, caches, the vault, token files):
 * only a regular file, and never more than a stated number of bytes.
 *
 * <p>Why: a FIFO in place of a config file would block every command for ever at the open, and a
 * link to {@code /dev/zero} (whose size reads as 0) would fill the heap. Symbolic links are followed
 * (dotfile setups link {@code ~/.aws/config}); what they reach must be a regular file. The type is
 * checked before the file is opened; the read itself also stops one byte past the limit, so a file
 * swapped for a device between the check and the open is still bounded.
 *
 * <p>Failures are {@link IOException}s whose {@link FileSystemException#getReason() reason} is a few
 * words for a one-line error ("a FIFO, not a regular file", "larger than the limit of 1 MiB");
 * {@link java.nio.file.NoSuchFileException} still means the file is not there.
 */
public final class BoundedFileReader {
    /** Profile files ({@code ~/.aws/config}, {@code ~/.aws/credentials}): far above any real one. */
    public static final long PROFILE_FILE_LIMIT = 4L << 20;
    /** Cache entries ({@code ~/.aws/cli/cache}, {@code ~/.aws/sso/cache}): a few KiB in practice. */
    public static final long CACHE_FILE_LIMIT = 1L << 20;
    /** The encrypted vault file. */
    public static final long VAULT_FILE_LIMIT = 4L << 20;
    /** Token files (web identity, container authorization, the server's token): a JWT is a few KiB. */
    public static final long TOKEN_FILE_LIMIT = 256L << 10;
    /** CA bundles ({@code AWS_CA_BUNDLE}, {@code ca_bundle}): the whole Mozilla set is about 220 KiB. */
    public static final long CA_BUNDLE_LIMIT = 8L << 20;
    /** Other small documents a user points at (an access key CSV). */
    public static final long DOCUMENT_LIMIT = 1L << 20;

    private BoundedFileReader() {}

    /** A file that exists but cannot be read as a whole document: not regular, or too large. */
    public static final class UnreadableFileException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        UnreadableFileException(Path file, String reason) {
            super(file.toString(), null, reason);
        }

        /** The reason alone, without the file name (callers name the file themselves). */
        @Override
        public String getMessage() {
            return getReason();
        }
    }

    /**
     * All bytes of {@code file}.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws UnreadableFileException when it is not a regular file or holds more than {@code limit} bytes
     * @throws IOException when it cannot be read for another reason (permissions…)
     */
    public static byte[] read(Path file, long limit) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) throw new UnreadableFileException(file, kindOf(attributes) + ", not a regular file");
        if (attributes.size() > limit) throw tooLarge(file, limit);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int capacity = (int) Math.min(limit + 1, Math.max(attributes.size() + 1, 8192));
            byte[] bytes = new byte[capacity];
            int length = 0;
            while (true) {
                if (length == bytes.length) {
                    if (length > limit) throw tooLarge(file, limit);
                    bytes = Arrays.copyOf(bytes, (int) Math.min(limit + 1, (long) bytes.length * 2));
                }
                int n = channel.read(ByteBuffer.wrap(bytes, length, bytes.length - length));
                if (n < 0) break;
                length += n;
            }
            if (length > limit) throw tooLarge(file, limit);
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }
    }

    /** The file's text as UTF-8 (malformed bytes become U+FFFD), under the same rules as {@link #read}. */
    public static String readString(Path file, long limit) throws IOException {
        return new String(read(file, limit), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code 1 MiB}, {@code 256 KiB}, {@code 100 bytes}: the limit in words. */
    public static String describeLimit(long limit) {
        if (limit >= (1L << 20) && limit % (1L << 20) == 0) return (limit >> 20) + " MiB";
        if (limit >= 1024 && limit % 1024 == 0) return (limit >> 10) + " KiB";
        return limit + " bytes";
    }

    private static UnreadableFileException tooLarge(Path file, long limit) {
        return new UnreadableFileException(file, "larger than the limit of " + describeLimit(limit));
    }

    private static String kindOf(BasicFileAttributes attributes) {
        if (attributes.isDirectory()) return "a folder";
        if (attributes.isOther()) return "a FIFO, socket or device";
        return "not a plain file";
    }
}
