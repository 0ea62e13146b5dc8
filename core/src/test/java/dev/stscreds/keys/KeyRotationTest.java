package dev.stscreds.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.LongTermKeyStore;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.wire.iam.IamClient;
import dev.stscreds.wire.query.AwsServiceException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KeyRotationTest {

    /** A vault in memory. */
    static final class MemoryVault implements LongTermKeyStore {
        final Map<String, Credentials> keys = new TreeMap<>();
        public Optional<Credentials> get(String p) { return Optional.ofNullable(keys.get(p)); }
        public void put(String p, Credentials c) { keys.put(p, c); }
        public boolean remove(String p) { return keys.remove(p) != null; }
        public List<String> profiles() { return List.copyOf(keys.keySet()); }
        public String describe() { return "memory"; }
    }

    @Test
    void aNewKeyThatNeverWorksKeepsTheOldOneActive() {
        try (LocalSts sts = new LocalSts().clock(Clock.systemUTC()).start()) {
            sts.createUser("jon");
            AccessKey key = sts.createAccessKey("jon");
            MemoryVault vault = new MemoryVault();
            vault.put("dev", Credentials.of(key.accessKeyId(), key.secretAccessKey(), "test"));
            List<Duration> pauses = new ArrayList<>();

            assertThatThrownBy(() -> KeyRotation.rotate(vault, "dev", IamClient.create(sts.endpoint(), Clock.systemUTC()),
                    k -> { throw new AwsServiceException("GetCallerIdentity", "test", 403, "InvalidClientTokenId", "not yet", null); },
                    pauses::add))
                    .isInstanceOf(CredentialsException.class)
                    .hasMessageContaining("old key was kept active");

            assertThat(pauses).hasSize(9);
            assertThat(sts.calls("DeleteAccessKey")).isZero();
            assertThat(vault.get("dev").orElseThrow().accessKeyId()).isNotEqualTo(key.accessKeyId());
        }
    }

    @Test
    void aKeyThatWorksAfterAWhileReplacesTheOldOne() {
        try (LocalSts sts = new LocalSts().clock(Clock.systemUTC()).start()) {
            sts.createUser("jon");
            AccessKey key = sts.createAccessKey("jon");
            MemoryVault vault = new MemoryVault();
            vault.put("dev", Credentials.of(key.accessKeyId(), key.secretAccessKey(), "test"));
            int[] tries = {0};

            KeyRotation.Result r = KeyRotation.rotate(vault, "dev", IamClient.create(sts.endpoint(), Clock.systemUTC()), k -> {
                if (++tries[0] < 3) throw new AwsServiceException("GetCallerIdentity", "test", 403, "InvalidClientTokenId", "not yet", null);
            }, d -> { });

            assertThat(tries[0]).isEqualTo(3);
            assertThat(sts.calls("DeleteAccessKey")).isEqualTo(1);
            assertThat(r.oldKeyId()).startsWith("AKIA").contains("…");
        }
    }
}
