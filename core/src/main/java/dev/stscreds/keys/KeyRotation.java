package dev.stscreds.keys;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.LongTermKeyStore;
import dev.stscreds.Secrets;
import dev.stscreds.wire.iam.IamClient;
import dev.stscreds.wire.query.AwsServiceException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Replaces a profile's access key: create a new key, store it, prove it works, then delete the old
 * one. Nothing is lost on a failure at any step: until the new key is stored, the old one stays in
 * the vault; until the new key answers, the old one is not deleted.
 */
public final class KeyRotation {
    /** New IAM keys take a few seconds to work everywhere: how often and how long to try them. */
    private static final int ATTEMPTS = 10;

    private KeyRotation() {}

    /** What the rotation did, for the user. */
    public record Result(String oldKeyId, String newKeyId) {}

    /**
     * @param iam    the IAM client (global endpoint or an override)
     * @param proves a call that fails unless the given keys work (GetCallerIdentity, say)
     * @param pause  waits between tries of the new key (tests pass one that does not sleep)
     */
    public static Result rotate(LongTermKeyStore vault, String profile, IamClient iam, Consumer<Credentials> proves,
                                PauseBetweenTries pause) {
        Credentials old = vault.get(profile).orElseThrow(() -> new CredentialsException(
                "profile " + profile + " has no long-term keys in " + vault.describe(),
                "store them with `stscreds init --profile " + profile + "`"));
        IamClient.NewAccessKey created = iam.createAccessKey(old, null);
        vault.put(profile, created.credentials().withSource(vault.describe()));
        tryUntilItWorks(created.credentials(), proves, pause, profile);
        iam.deleteAccessKey(created.credentials(), created.userName(), old.accessKeyId());
        return new Result(Secrets.maskKeyId(old.accessKeyId()), Secrets.maskKeyId(created.credentials().accessKeyId()));
    }

    /** Waits between tries; real runs sleep, tests record. */
    @FunctionalInterface
    public interface PauseBetweenTries {
        void pause(Duration d) throws InterruptedException;
    }

    private static void tryUntilItWorks(Credentials key, Consumer<Credentials> proves, PauseBetweenTries pause, String profile) {
        for (int attempt = 1; ; attempt++) {
            try {
                proves.accept(key);
                return;
            } catch (AwsServiceException e) {
                if (attempt >= ATTEMPTS || !e.code().equals("InvalidClientTokenId")) {
                    throw new CredentialsException("the new key of profile " + profile + " is stored but does not work yet: "
                            + e.getMessage() + "; the old key was kept active",
                            "run `stscreds rotate` again later, or delete the old key in IAM once the new one works");
                }
            }
            try {
                pause.pause(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CredentialsException("interrupted while waiting for the new key of profile " + profile
                        + "; it is stored, and the old key is still active", null);
            }
        }
    }
}
