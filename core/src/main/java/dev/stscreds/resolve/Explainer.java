package dev.stscreds.resolve;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.Secrets;
import dev.stscreds.config.Profile;
import dev.stscreds.config.ProfileFileWarning;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Property;
import dev.stscreds.config.Settings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Explains how a profile or the default chain resolves. Without {@code resolve} it makes no
 * network call and runs no process; with it, it asks the sources for real.
 */
public final class Explainer {
    private final ProfileContext context;

    public Explainer(Settings settings, Clock clock) {
        this(settings, clock, ResolveOptions.NONE);
    }

    public Explainer(Settings settings, Clock clock, ResolveOptions options) {
        this(ProfileContext.create(settings, clock, options));
    }

    public Explainer(ProfileContext context) {
        this.context = context;
    }

    public Explanation explainDefaultChain(boolean resolve) {
        String profileName = DefaultCredentialsChain.selectedProfile(context.settings());
        ProfileView view = ProfileView.load(context, profileName);
        CredentialsChain chain = DefaultCredentialsChain.create(context);

        List<SourceReport> sources;
        Optional<Credentials> credentials = Optional.empty();
        Optional<Explanation.Failure> failure;
        if (resolve) {
            ChainOutcome outcome = chain.resolveReporting();
            sources = outcome.reports();
            credentials = outcome.credentials();
            failure = outcome.failure().map(Explainer::failure);
        } else {
            sources = chain.check();
            failure = sources.stream()
                    .filter(s -> s.status() == SourceReport.Status.FAILED)
                    .findFirst()
                    .map(s -> new Explanation.Failure(s.source() + ": " + s.detail(), Optional.empty()));
        }
        return new Explanation(DefaultCredentialsChain.NAME, Optional.of(profileName), sources, view.chain, view.keys,
                view.warnings, resolve, credentials.map(Explainer::summary), failure, view.settingsInEffect);
    }

    public Explanation explainProfile(String profileName, boolean resolve) {
        ProfileView view = ProfileView.load(context, profileName);
        String source = "profile " + profileName;
        List<SourceReport> sources = new ArrayList<>();
        Optional<Credentials> credentials = Optional.empty();
        Optional<Explanation.Failure> failure = view.failure;

        boolean vaultMayHoldIt = view.plan == null && view.notInFiles && context.options().keyStore().isPresent();
        if (vaultMayHoldIt) {
            // Not in the files: the vault may still hold the profile's keys, as every command would find.
            // Looking there makes no network call (a passphrase may be asked, as any command would).
            try {
                Credentials c = context.withOptions(context.options().withSessionForVaultKeys(false))
                        .provider(profileName).resolve();
                failure = Optional.empty();
                if (resolve) credentials = Optional.of(c);
                sources.add(new SourceReport(source, resolve ? SourceReport.Status.ANSWERED : SourceReport.Status.CONFIGURED,
                        c.source()));
            } catch (CredentialsException e) {
                sources.add(new SourceReport(source, SourceReport.Status.FAILED, e.getMessage()));
                failure = Optional.of(failure(e));
            }
        } else if (view.plan != null) {
            if (resolve) {
                try {
                    Credentials c = context.provider(profileName).resolve();
                    credentials = Optional.of(c);
                    sources.add(new SourceReport(source, SourceReport.Status.ANSWERED, c.source()));
                } catch (CredentialsException e) {
                    sources.add(new SourceReport(source, SourceReport.Status.FAILED, e.getMessage()));
                    failure = Optional.of(failure(e));
                }
            } else {
                sources.add(new SourceReport(source, SourceReport.Status.CONFIGURED, view.plan.summary()));
            }
        } else {
            sources.add(new SourceReport(source, SourceReport.Status.FAILED,
                    failure.map(Explanation.Failure::message).orElse("no plan")));
        }
        return new Explanation(source, Optional.of(profileName), sources, view.chain, view.keys, view.warnings,
                resolve, credentials.map(Explainer::summary), failure, view.settingsInEffect);
    }

    private static Explanation.Failure failure(CredentialsException e) {
        return new Explanation.Failure(e.getMessage(), e.hint());
    }

    private static Explanation.ResolvedCredentials summary(Credentials c) {
        return new Explanation.ResolvedCredentials(Secrets.maskKeyId(c.accessKeyId()), c.source(), c.isTemporary(),
                c.expiration(), c.accountId());
    }

    /** What the profile files say about one profile: its keys, its plan (or why there is none), warnings. */
    private static final class ProfileView {
        final List<Explanation.ExplainedKey> keys = new ArrayList<>();
        final List<Explanation.ChainStep> chain = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<String> settingsInEffect = new ArrayList<>();
        ProfileSet profiles;
        ProfilePlan plan;
        boolean notInFiles;
        Optional<Explanation.Failure> failure = Optional.empty();

        static ProfileView load(ProfileContext context, String profileName) {
            ProfileView view = new ProfileView();
            try {
                ProfileSet profiles = context.profiles();
                view.profiles = profiles;
                for (ProfileFileWarning w : profiles.warnings()) view.warnings.add(w.location() + ": " + w.message());
                profiles.profile(profileName).ifPresent(p -> view.keys.addAll(explained(p, p.properties().values())));
                view.settingsInEffect.addAll(SettingsInEffect.describe(context, profiles.profile(profileName)));
                ProfileResolver resolver = new ProfileResolver(profiles);
                view.plan = resolver.plan(profileName);
                for (ProfileFileWarning n : resolver.notes()) view.warnings.add(n.location() + ": " + n.message());
                for (ProfilePlan step = view.plan; step != null; step = step.source().orElse(null)) {
                    // A sign-in session's cache file, expiry and renewals left, a certificate's subject and
                    // expiry: read, never called.
                    String summary = step instanceof ProfilePlan.Login login
                            ? LoginSessions.describe(login, context.settings(), context.clock())
                            : step instanceof ProfilePlan.RolesAnywhere ra
                            ? step.summary() + "; " + RolesAnywherePlans.describeCertificate(ra, context.settings()) : step.summary();
                    view.chain.add(new Explanation.ChainStep(step.profile().name(), summary,
                            explained(step.profile(), step.keysUsed())));
                }
            } catch (CredentialsNotConfiguredException e) {
                view.notInFiles = true;
                view.failure = Optional.of(new Explanation.Failure(e.getMessage(), e.hint()));
            } catch (CredentialsException e) {
                view.failure = Optional.of(new Explanation.Failure(e.getMessage(), e.hint()));
            }
            return view;
        }

        private static List<Explanation.ExplainedKey> explained(Profile profile, Iterable<Property> properties) {
            List<Explanation.ExplainedKey> list = new ArrayList<>();
            for (Property p : properties) {
                list.add(new Explanation.ExplainedKey(profile.name(), p.key(), KeyMasking.display(p.key(), p.value()),
                        p.location().toString()));
            }
            return list;
        }
    }
}
