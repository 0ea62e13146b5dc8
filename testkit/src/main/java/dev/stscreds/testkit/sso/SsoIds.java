package dev.stscreds.testkit.sso;

import dev.stscreds.testkit.FakeCredentials;
import java.time.Instant;
import java.util.random.RandomGenerator;

/** Client ids, secrets, device codes and tokens, from one injected random source. Synchronized. */
final class SsoIds {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Letters a user can read back without confusing them, as AWS's user codes use. */
    private static final String USER_CODE = "BCDFGHJKLMNPQRSTVWXZ";

    private final RandomGenerator random;

    SsoIds(RandomGenerator random) {
        this.random = random;
    }

    synchronized String text(int length) {
        return pick(ALPHANUMERIC, length);
    }

    /** {@code ABCD-EFGH}. */
    synchronized String userCode() {
        return pick(USER_CODE, 4) + "-" + pick(USER_CODE, 4);
    }

    synchronized FakeCredentials credentials(Instant expiration) {
        return FakeCredentials.generate(random, expiration);
    }

    private String pick(String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return s.toString();
    }
}
