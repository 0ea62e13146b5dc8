package dev.stscreds.vault.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import dev.stscreds.vault.ExternalCommand;
import dev.stscreds.vault.KeyStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to pass: where entries go, what they hold, and the errors of a store that cannot be used. */
class PassKeyStoreTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

    @TempDir
    static Path temp;

    private static PassFixture gpg;

    @BeforeAll
    static void generateKey() throws Exception {
        gpg = PassFixture.withKey(temp.resolve("gnupg"));
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (gpg != null) gpg.close();
    }

    @Test
    void entriesAreGpgFilesUnderStscredsThatPassItselfReads() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("layout"));
        PassKeyStore store = gpg.initialisedStore(dir);
        store.put("dev", Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET, "t"));
        Path entry = dir.resolve("stscreds/dev.gpg");
        assertThat(entry).exists();
        assertThat(Files.readString(entry, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        ExternalCommand.Result shown = gpg.command(dir).run(List.of("pass", "show", "stscreds/dev"), null);
        assertThat(PassFixture.text(shown.stdout())).contains("\"secretAccessKey\":\"" + SECRET + "\"");
        store.putPrivateKey("signer", new byte[] {1, 2, 3});
        assertThat(dir.resolve("stscreds/private-keys/signer.gpg")).exists();
    }

    @Test
    void stscredsVaultPassOpensTheStoreOfPasswordStoreDir() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("chosen"));
        gpg.initialisedStore(dir).put("dev", Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET, "t"));
        Map<String, String> env = new java.util.HashMap<>(gpg.environment(dir));
        env.put("STSCREDS_VAULT", "pass");
        var store = KeyStores.open(Settings.of(Map.of(), env, temp), purpose -> {
            throw new AssertionError("pass asks through gpg-agent, not stscreds");
        });
        assertThat(store).isInstanceOf(PassKeyStore.class);
        assertThat(store.get("dev").orElseThrow().secretAccessKey()).isEqualTo(SECRET);
        assertThat(store.describe()).isEqualTo("pass store " + dir);
    }

    @Test
    void anUninitialisedStoreSaysToRunPassInit() throws Exception {
        Path dir = temp.resolve("never-initialised");
        PassKeyStore store = gpg.store(dir);
        assertThatThrownBy(() -> store.put("dev", Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET, "t")))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("store profile dev")
                .hasMessageNotContaining(SECRET)
                .satisfies(e -> assertThat(((CredentialsException) e).hint().orElse("")).contains("pass init GPG-ID"));
    }

    @Test
    void aStoreWhoseSecretKeyIsNotHereFailsWithAHintAndNoSecret() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("locked"));
        gpg.initialisedStore(dir).put("dev", Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET, "t"));
        // the same store read from a gpg home without the secret key: like a locked or missing key
        try (PassFixture stranger = PassFixture.emptyGpgHome(temp.resolve("stranger-gnupg"))) {
            PassKeyStore store = stranger.store(dir);
            assertThatThrownBy(() -> store.get("dev"))
                    .isInstanceOf(CredentialsException.class)
                    .hasMessageContaining("read profile dev")
                    .hasMessageContaining(dir.toString())
                    .hasMessageNotContaining(SECRET)
                    .satisfies(e -> assertThat(((CredentialsException) e).hint().orElse("")).containsAnyOf("gpg key", "passphrase"));
        }
    }

    @Test
    void refusesNamesThatWouldLeaveTheStscredsFolder() throws Exception {
        PassKeyStore store = gpg.store(temp.resolve("names"));
        assertThatThrownBy(() -> store.put("../escape", Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET, "t")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
