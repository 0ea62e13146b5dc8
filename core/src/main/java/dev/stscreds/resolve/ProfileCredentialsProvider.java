package dev.stscreds.resolve;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.ProfileSet;
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
    private final Settings settings;
    private final String profileName;
    private final Clock clock;
    private final ResolveOptions options;
    private volatile CredentialsProvider delegate;

    public ProfileCredentialsProvider(Settings settings, String profileName, Clock clock) {
        this(settings, profileName, clock, ResolveOptions.NONE);
    }

    public ProfileCredentialsProvider(Settings settings, String profileName, Clock clock, ResolveOptions options) {
        this.settings = Objects.requireNonNull(settings);
        this.profileName = Objects.requireNonNull(profileName);
        this.clock = Objects.requireNonNull(clock);
        this.options = Objects.requireNonNull(options);
    }

    @Override
    public String name() {
        return "profile " + profileName;
    }

    public String profileName() {
        return profileName;
    }

    @Override
    public Credentials resolve() {
        CredentialsProvider d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    ProfileSet profiles = ProfileSet.load(settings);
                    ProfilePlan plan = new ProfileResolver(profiles).plan(profileName);
                    d = new PlanProviders(profiles, settings, options, clock).forPlan(plan);
                    delegate = d;
                }
            }
        }
        return d.resolve();
    }
}
