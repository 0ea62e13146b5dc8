package dev.stscreds.resolve;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.Settings;
import java.time.Clock;
import java.util.Objects;

/**
 * The credentials of one named profile, however it gets them (keys, a process, a role chain…).
 *
 * <p>The profile files are read and the plan made on the first {@link #resolve()}; the provider it
 * builds (with its refresh cache) is then kept, so later calls do no file I/O.
 */
public final class ProfileCredentialsProvider implements CredentialsProvider {
    private final ProfileContext context;
    private final String profileName;
    private volatile CredentialsProvider delegate;

    public ProfileCredentialsProvider(Settings settings, String profileName, Clock clock) {
        this(settings, profileName, clock, ResolveOptions.NONE);
    }

    public ProfileCredentialsProvider(Settings settings, String profileName, Clock clock, ResolveOptions options) {
        this(ProfileContext.create(settings, clock, options), profileName);
    }

    /** The profile as a context sees it (its files, options, vault and endpoints). */
    public ProfileCredentialsProvider(ProfileContext context, String profileName) {
        this.context = Objects.requireNonNull(context);
        this.profileName = Objects.requireNonNull(profileName);
    }

    @Override
    public String name() {
        return "profile " + profileName;
    }

    public String profileName() {
        return profileName;
    }

    /**
     * Lists the profiles being resolved by the processes above this one: a {@code credential_process}
     * that calls stscreds for the profile that runs it would otherwise recurse without end.
     */
    public static final String RESOLVING = "STSCREDS_RESOLVING_PROFILES";

    @Override
    public Credentials resolve() {
        refuseRecursion();
        CredentialsProvider d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    d = context.build(profileName);
                    delegate = d;
                }
            }
        }
        return d.resolve();
    }

    private void refuseRecursion() {
        String resolving = context.settings().environmentVariable(RESOLVING).orElse("");
        for (String name : resolving.split(",")) {
            if (name.equals(profileName)) {
                throw new dev.stscreds.CredentialsException("profile " + profileName
                        + " runs a credential_process that asks stscreds for profile " + profileName + " again",
                        "give the profile its own source of credentials (keys in the vault, a role, another profile),"
                                + " or point credential_process at another profile");
            }
        }
    }
}
