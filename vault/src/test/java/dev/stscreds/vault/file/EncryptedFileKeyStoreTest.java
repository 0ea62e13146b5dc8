package dev.stscreds.vault.file;

import static dev.stscreds.vault.file.VaultFixtures.KEY_ID;
import static dev.stscreds.vault.file.VaultFixtures.SECRET;
import static dev.stscreds.vault.file.VaultFixtures.keys;
import static dev.stscreds.vault.file.VaultFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.vault.CountingPassphrase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileKeyStoreTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path temp;

    private Path vault() {
        return temp.resolve("home/.stscreds/vault");
    }

    /** A vault holding profiles "dev" (KEY_ID/SECRET, account 123456789012) and "production". */
    private byte[] createVault() throws Exception {
        try (EncryptedFileKeyStore store = store(vault(), new CountingPassphrase(PASSPHRASE))) {
            store.put("dev", Credentials.builder().accessKeyId(KEY_ID).secretAccessKey(SECRET)
                    .accountId("123456789012").build());
            store.put("production", keys(2));
        }
        return Files.readAllBytes(vault());
    }

    @Test
    void roundTripsKeysThroughANewInstance() throws Exception {
        createVault();
        try (EncryptedFileKeyStore store = store(vault(), new CountingPassphrase(PASSPHRASE))) {
            Credentials dev = store.get("dev").orElseThrow();
            assertThat(dev.accessKeyId()).isEqualTo(KEY_ID);
            assertThat(dev.secretAccessKey()).isEqualTo(SECRET);
            assertThat(dev.accountId()).contains("123456789012");
            assertThat(dev.sessionToken()).isEmpty();
            assertThat(dev.source()).isEqualTo("profile dev in encrypted file " + vault());
            assertThat(store.get("production").orElseThrow().secretAccessKey()).isEqualTo(keys(2).secretAccessKey());
            assertThat(store.get("staging")).isEmpty();
            assertThat(store.profiles()).containsExactly("dev", "production");

            store.put("dev", keys(3));
            assertThat(store.remove("production")).isTrue();
            assertThat(store.remove("production")).isFalse();
        }
        try (EncryptedFileKeyStore store = store(vault(), new CountingPassphrase(PASSPHRASE))) {
            assertThat(store.profiles()).containsExactly("dev");
            assertThat(store.get("dev").orElseThrow().accessKeyId()).isEqualTo(keys(3).accessKeyId());
        }
    }

    @Test
    void aMissingVaultIsEmptyAndAsksNothing() {
        CountingPassphrase passphrase = new CountingPassphrase(PASSPHRASE);
        try (EncryptedFileKeyStore store = store(vault(), passphrase)) {
            assertThat(store.get("dev")).isEmpty();
            assertThat(store.profiles()).isEmpty();
            assertThat(store.remove("dev")).isFalse();
        }
        assertThat(passphrase.calls()).isZero();
        assertThat(vault()).doesNotExist();
    }

    @Test
    void creatingAVaultAsksTwiceAndThenNeverAgain() {
        CountingPassphrase passphrase = new CountingPassphrase(PASSPHRASE);
        try (EncryptedFileKeyStore store = store(vault(), passphrase)) {
            store.put("dev", keys(1));
            store.put("production", keys(2));
            store.get("dev");
        }
        assertThat(passphrase.calls()).isEqualTo(2);
        assertThat(passphrase.purposes().get(0)).startsWith("New passphrase for the vault ");
        assertThat(passphrase.purposes().get(1)).isEqualTo("Repeat the new passphrase");
    }

    @Test
    void differingNewPassphrasesCreateNothing() {
        String[] answers = {"one passphrase", "another passphrase"};
        int[] call = {0};
        try (EncryptedFileKeyStore store = store(vault(), purpose -> answers[call[0]++].toCharArray())) {
            assertThatThrownBy(() -> store.put("dev", keys(1)))
                    .isInstanceOf(CredentialsException.class)
                    .hasMessageContaining("the two passphrases differ");
        }
        assertThat(vault()).doesNotExist();
    }

    @Test
    void anEmptyNewPassphraseIsRefused() {
        try (EncryptedFileKeyStore store = store(vault(), purpose -> new char[0])) {
            assertThatThrownBy(() -> store.put("dev", keys(1))).hasMessageContaining("is empty");
        }
        assertThat(vault()).doesNotExist();
    }

    @Test
    void opensLazilyAndAsksOncePerInstance() throws Exception {
        createVault();
        CountingPassphrase passphrase = new CountingPassphrase(PASSPHRASE);
        try (EncryptedFileKeyStore store = store(vault(), passphrase)) {
            store.describe();
            store.toString();
            assertThat(passphrase.calls()).isZero();

            for (int i = 0; i < 10; i++) {
                store.get("dev");
                store.profiles();
                store.put("p" + i, keys(i));
                store.remove("p" + i);
            }
            assertThat(passphrase.calls()).isEqualTo(1);
            assertThat(passphrase.purposes()).containsExactly("Passphrase for the vault " + vault());
        }
    }

    @Test
    void aWrongPassphraseSaysSoAndChangesNothing() throws Exception {
        byte[] before = createVault();
        try (EncryptedFileKeyStore store = store(vault(), new CountingPassphrase("wrong horse"))) {
            CredentialsException onGet = catchThrowableOfType(CredentialsException.class, () -> store.get("dev"));
            assertThat(onGet).hasMessage("wrong passphrase for the vault file " + vault());
            assertThat(onGet.hint()).get().asString().contains("STSCREDS_VAULT_PASSPHRASE");
            assertThatThrownBy(() -> store.put("dev", keys(9))).hasMessageStartingWith("wrong passphrase");
            assertThatThrownBy(() -> store.remove("dev")).hasMessageStartingWith("wrong passphrase");
        }
        assertThat(Files.readAllBytes(vault())).isEqualTo(before);
    }

    @Test
    void aFlippedCiphertextByteAnywhereIsReportedAsDamage() throws Exception {
        byte[] original = createVault();
        int headerLength = VaultHeader.parse(original, vault()).length();
        for (int i = headerLength; i < original.length; i++) {
            byte[] damaged = original.clone();
            damaged[i] ^= 0x01;
            CredentialsException e = errorReading(damaged);
            assertThat(e.getMessage()).as("byte %d", i)
                    .isEqualTo("the vault file " + vault() + " is damaged or was modified: the passphrase is right"
                            + " but the contents fail their integrity check");
            assertThat(e.hint()).get().asString().contains("backup");
        }
    }

    @Test
    void aFlippedHeaderByteIsNeverTakenForAWrongPassphrase() throws Exception {
        byte[] original = createVault();
        int headerLength = VaultHeader.parse(original, vault()).length();
        for (int i = 0; i < headerLength; i++) {
            byte[] damaged = original.clone();
            damaged[i] ^= 0x01;
            String message = errorReading(damaged).getMessage();
            if (i < 15) {
                assertThat(message).as("byte %d", i).contains("is not a stscreds vault file");
            } else if (i == 15) {
                assertThat(message).isEqualTo("the vault file " + vault() + " has format version 0; this stscreds"
                        + " reads version 1");
            } else {
                assertThat(message).as("byte %d", i).contains("is damaged or was modified");
            }
        }
    }

    @Test
    void anUnknownFormatVersionIsNamed() throws Exception {
        byte[] file = createVault();
        file[15] = 7;
        CredentialsException e = errorReading(file);
        assertThat(e).hasMessageContaining("has format version 7; this stscreds reads version 1");
        assertThat(e.hint()).get().asString().contains("newer stscreds");
    }

    @Test
    void everyTruncationIsReportedAsTruncated() throws Exception {
        byte[] original = createVault();
        for (int length = 0; length < original.length; length++) {
            CredentialsException e = errorReading(Arrays.copyOf(original, length));
            assertThat(e.getMessage()).as("length %d", length)
                    .startsWith("the vault file " + vault() + " is truncated: it has " + length + " bytes");
        }
    }

    @Test
    void bytesAfterTheEndAreReportedAsDamage() throws Exception {
        byte[] original = createVault();
        byte[] longer = Arrays.copyOf(original, original.length + 3);
        assertThat(errorReading(longer)).hasMessageContaining("it has 3 bytes after the end of the vault");
    }

    @Test
    void anotherFileIsNotTakenForAVault() throws Exception {
        Files.createDirectories(vault().getParent());
        Files.writeString(vault(), "[default]\naws_access_key_id = x\n");
        try (EncryptedFileKeyStore store = store(vault(), new CountingPassphrase(PASSPHRASE))) {
            assertThatThrownBy(() -> store.profiles()).hasMessageContaining("is not a stscreds vault file");
        }
    }

    @Test
    void theFileHoldsNeitherSecretsNorProfileNamesInPlaintext() throws Exception {
        byte[] file = createVault();
        // "dev" itself is too short to search for: three bytes turn up in random ciphertext now and then
        for (String plain : new String[] {SECRET, KEY_ID, "production", "123456789012", keys(2).secretAccessKey()}) {
            assertThat(indexOf(file, plain.getBytes(StandardCharsets.UTF_8))).as(plain).isEqualTo(-1);
            assertThat(indexOf(file, plain.getBytes(StandardCharsets.UTF_16BE))).as(plain).isEqualTo(-1);
        }
        try (Stream<Path> names = Files.list(vault().getParent())) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("vault", ".vault.lock");
        }
    }

    @Test
    void everyWriteUsesAFreshNonce() throws Exception {
        createVault();
        try (EncryptedFileKeyStore store = store(vault(), new CountingPassphrase(PASSPHRASE))) {
            byte[] first = Files.readAllBytes(vault());
            store.put("dev", store.get("dev").orElseThrow());
            byte[] second = Files.readAllBytes(vault());
            VaultHeader a = VaultHeader.parse(first, vault());
            VaultHeader b = VaultHeader.parse(second, vault());
            assertThat(a.kdf()).isEqualTo(b.kdf());
            assertThat(a.nonce()).isNotEqualTo(b.nonce());
            assertThat(Arrays.copyOfRange(first, a.length(), first.length))
                    .isNotEqualTo(Arrays.copyOfRange(second, b.length(), second.length));
        }
    }

    @Test
    void newVaultsUseTheGivenIterationsAndDefaultToOwaspsFigure() throws Exception {
        createVault();
        assertThat(VaultHeader.parse(Files.readAllBytes(vault()), vault()).kdf().iterations())
                .isEqualTo(VaultFixtures.CHEAP_ITERATIONS);
        assertThat(EncryptedFileKeyStore.DEFAULT_KDF_ITERATIONS).isGreaterThanOrEqualTo(600_000);
    }

    @Test
    void fileIsOwnerOnlyInAnOwnerOnlyFolder() throws Exception {
        createVault();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault().resolveSibling(".vault.lock"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault().getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void temporaryCredentialsAreRefused() {
        Credentials session = keys(1).toBuilder().sessionToken("FwoGZXIvYXdzEJr//////////session").build();
        try (EncryptedFileKeyStore store = store(vault(), new CountingPassphrase(PASSPHRASE))) {
            assertThatThrownBy(() -> store.put("dev", session))
                    .hasMessageContaining("are temporary")
                    .hasMessageNotContaining("FwoGZXIvYXdz");
        }
        assertThat(vault()).doesNotExist();
    }

    @Test
    void aVaultReCreatedByAnotherProcessIsNotOverwritten() throws Exception {
        createVault();
        try (EncryptedFileKeyStore store = store(vault(), new CountingPassphrase(PASSPHRASE))) {
            store.profiles();
            Files.delete(vault());
            try (EncryptedFileKeyStore other = store(vault(), new CountingPassphrase("another passphrase"))) {
                other.put("other", keys(5));
            }
            byte[] recreated = Files.readAllBytes(vault());
            assertThatThrownBy(() -> store.put("dev", keys(1))).hasMessageContaining("was re-created");
            assertThat(Files.readAllBytes(vault())).isEqualTo(recreated);
        }
    }

    @Test
    void neitherToStringNorErrorsShowSecrets() throws Exception {
        createVault();
        try (EncryptedFileKeyStore store = store(vault(), new CountingPassphrase(PASSPHRASE))) {
            store.get("dev");
            assertThat(store.toString()).isEqualTo("EncryptedFileKeyStore[" + vault() + ", opened]")
                    .doesNotContain(SECRET).doesNotContain(PASSPHRASE);
            assertThat(store.get("dev").orElseThrow().toString()).doesNotContain(SECRET);
        }
        try (EncryptedFileKeyStore store = store(vault(), new CountingPassphrase("wrong horse"))) {
            CredentialsException e = catchThrowableOfType(CredentialsException.class, store::profiles);
            assertThat(e.describe()).doesNotContain("wrong horse").doesNotContain(SECRET).doesNotContain("dev");
        }
    }

    @Test
    void aClosedStoreRefusesWork() throws Exception {
        createVault();
        EncryptedFileKeyStore store = store(vault(), new CountingPassphrase(PASSPHRASE));
        store.get("dev");
        store.close();
        assertThat(store.toString()).endsWith("not opened]");
        assertThatThrownBy(() -> store.get("dev")).isInstanceOf(IllegalStateException.class);
    }

    /** Writes {@code bytes} as the vault and returns the error a fresh store gives on reading it. */
    private CredentialsException errorReading(byte[] bytes) throws Exception {
        Files.write(vault(), bytes);
        try (EncryptedFileKeyStore store = store(vault(), new CountingPassphrase(PASSPHRASE))) {
            CredentialsException e = catchThrowableOfType(CredentialsException.class, () -> store.get("dev"));
            assertThat(e).as("no error reading a changed vault").isNotNull();
            assertThat(e.describe()).doesNotContain(SECRET).doesNotContain(PASSPHRASE);
            return e;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

}
