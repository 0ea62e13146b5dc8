package dev.stscreds.source;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.Profile;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.HttpFetchException;
import dev.stscreds.wire.JsonDocument;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Credentials of the IAM role attached to an EC2 instance, from the instance metadata service
 * (IMDS, SPEC §5).
 *
 * <p>IMDSv2 first: a session token from {@code PUT /latest/api/token}, kept until a minute before it
 * expires (on the injected clock) and used for the GETs. When the token request is refused (any
 * status but 400), cut off, or not answered in time, the GETs are made without a token (IMDSv1),
 * unless IMDSv1 is disabled. A 5xx or 429 answer (EC2 throttles IMDS under load) is retried with jittered
 * exponential backoff, at least {@value #MIN_THROTTLE_ATTEMPTS} times, also for the token request, where it
 * never means "IMDSv1 only". Settings come from the environment, then the profile ({@link ImdsSettings}).
 * Then the first role listed at
 * {@code /latest/meta-data/iam/security-credentials/} and its credentials document.
 *
 * <p>Off EC2 nothing answers: when the token request cannot connect at all (refused, no route,
 * connect timeout) the provider does not try IMDSv1 at the same address — that would only double
 * the wait — and throws {@link CredentialsNotConfiguredException}; likewise when the token request
 * and the IMDSv1 request both time out. A chain therefore moves on after one timeout (1 s). When the
 * endpoint was set explicitly with {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}, the user said a
 * service is there, so the same situations are a {@link CredentialsException} naming the setting.
 *
 * <p>Nothing but the IMDSv2 token is cached here; wrap the provider in the refresh decorator.
 */
public final class InstanceMetadataCredentialsProvider implements CredentialsProvider {
    static final String TOKEN_PATH = "/latest/api/token";
    static final String ROLES_PATH = "/latest/meta-data/iam/security-credentials/";
    static final String TTL_HEADER = "x-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "x-aws-ec2-metadata-token";
    static final long TOKEN_TTL_SECONDS = 21600;
    static final Duration TOKEN_REFRESH_MARGIN = Duration.ofMinutes(1);
    /**
     * Attempts for answers 5xx and 429 (EC2 throttles IMDS under load) whatever the configured attempts: botocore's
     * single default attempt would fail at the first one; the Go and Java SDKs retry them with backoff.
     */
    static final int MIN_THROTTLE_ATTEMPTS = 3;
    static final RetryingFetch.Pause DEFAULT_PAUSE = RetryingFetch.Pause.exponentialJitter(
            Duration.ofMillis(100), Duration.ofSeconds(1), new java.util.Random());
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");

    private final Settings settings;
    private final Clock clock;
    private final Duration timeoutOverride;
    private final Integer attemptsOverride;
    private final URI defaultEndpoint;
    private final Supplier<Optional<Profile>> profile;
    private final RetryingFetch.Pause pause;

    private final Object tokenLock = new Object();
    private String cachedToken; // guarded by tokenLock
    private Instant cachedTokenRefreshAt; // guarded by tokenLock

    public InstanceMetadataCredentialsProvider(Settings settings) {
        this(builder(settings));
    }

    private InstanceMetadataCredentialsProvider(Builder b) {
        this.settings = b.settings;
        this.clock = b.clock;
        this.timeoutOverride = b.timeout;
        this.attemptsOverride = b.attempts;
        this.defaultEndpoint = b.defaultEndpoint;
        this.profile = b.profile;
        this.pause = b.pause;
    }

    public static Builder builder(Settings settings) {
        return new Builder(settings);
    }

    @Override
    public String name() {
        return "instance metadata";
    }

    @Override
    public Credentials resolve() {
        if (settings.isTrue(Setting.EC2_METADATA_DISABLED)) {
            throw new CredentialsNotConfiguredException("instance metadata is disabled ("
                    + Setting.EC2_METADATA_DISABLED.displayName() + " is true)");
        }
        ImdsSettings config = imdsSettings();
        Conversation imds = new Conversation(target(config), fetch(config), config.v1Disabled());
        String role = imds.firstRole();
        return imds.credentials(role);
    }

    /** The base URL this provider asks; no request is made. */
    URI endpoint() {
        return target(imdsSettings()).base;
    }

    /** Where IMDS is, and whether the user said so explicitly. */
    private static final class Target {
        final URI base;
        final boolean explicit;

        Target(URI base, boolean explicit) {
            this.base = base;
            this.explicit = explicit;
        }

        URI resolve(String path) {
            String b = base.toString();
            return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
        }
    }

    /** The settings now (environment, then the profile's keys, as botocore reads them). */
    public ImdsSettings imdsSettings() {
        return ImdsSettings.read(settings, profile.get());
    }

    private Target target(ImdsSettings imds) {
        if (!imds.explicit() && defaultEndpoint != null) return new Target(defaultEndpoint, false);
        return new Target(imds.endpoint(), imds.explicit());
    }

    private RetryingFetch fetch(ImdsSettings imds) {
        Duration timeout = timeoutOverride != null ? timeoutOverride : imds.timeout();
        int attempts = attemptsOverride != null ? attemptsOverride : imds.attempts();
        return new RetryingFetch(new HttpFetch(timeout, timeout, timeout, MAX_BODY_BYTES), attempts,
                Math.max(attempts, MIN_THROTTLE_ATTEMPTS), pause);
    }

    /** One resolve's exchange with IMDS: the token (or v1), then the GETs. */
    private final class Conversation {
        private final Target target;
        private final RetryingFetch fetch;
        private final boolean v1Disabled;
        private String token; // null: IMDSv1
        private String whyV1; // why there is no token, for messages

        Conversation(Target target, RetryingFetch fetch, boolean v1Disabled) {
            this.target = target;
            this.fetch = fetch;
            this.v1Disabled = v1Disabled;
            this.token = sessionToken(false);
        }

        String firstRole() {
            HttpFetch.Response r = get(ROLES_PATH);
            if (r.status() == 404) {
                throw new CredentialsNotConfiguredException("instance metadata " + target.base
                        + " has no IAM role attached to this instance (404 at " + ROLES_PATH + ")",
                        "attach an instance profile with a role to the instance");
            }
            requireOk(r, "the role list");
            String role = r.body().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
            if (role == null) {
                throw new CredentialsNotConfiguredException("instance metadata " + target.base
                        + " lists no IAM role for this instance", "attach an instance profile with a role to the instance");
            }
            if (!ROLE_NAME.matcher(role).matches()) {
                throw new CredentialsException("instance metadata " + target.base + " lists a role name that is not valid: \""
                        + role.substring(0, Math.min(role.length(), 64)) + "\"", "this does not look like IMDS");
            }
            return role;
        }

        Credentials credentials(String role) {
            String label = "instance metadata " + target.base + " (role " + role + ")";
            HttpFetch.Response r = get(ROLES_PATH + role);
            requireOk(r, "the credentials of role " + role);
            String hint = "the endpoint " + target.base + " does not speak the instance metadata protocol, or is broken";
            JsonDocument doc = MetadataCredentialsDocument.parse(r.body(), "the answer of " + label, hint);
            Optional<String> code = doc.string("Code");
            // Only a Code other than Success is refused: local emulators often leave Code out.
            if (code.isPresent() && !code.get().equals("Success")) {
                throw new CredentialsException(label + " answered Code \"" + code.get() + "\""
                        + doc.string("Message").map(m -> ": " + m).orElse(""),
                        "the instance could not get credentials for its role; check the role and its trust policy");
            }
            return MetadataCredentialsDocument.credentials(doc, label, hint);
        }

        private HttpFetch.Response get(String path) {
            HttpFetch.Response r = send(path);
            if (r.status() == 401 && token != null) {
                // The token expired or the service restarted: one new token, one more try.
                token = sessionToken(true);
                r = send(path);
            }
            return r;
        }

        private HttpFetch.Response send(String path) {
            Map<String, String> headers = token == null ? Map.of() : Map.of(TOKEN_HEADER, token);
            try {
                return fetch.send("GET", target.resolve(path), headers);
            } catch (HttpFetchException e) {
                boolean nothingThere = token == null && whyV1 != null
                        && (e.isUnreachable() || e.failure() == HttpFetchException.Failure.TIMEOUT);
                if (nothingThere) throw absent(target, whyV1 + "; then " + e.getMessage());
                throw new CredentialsException("instance metadata " + target.base + " failed: " + e.getMessage(),
                        "try again; if it keeps failing, check the instance's metadata options", e);
            }
        }

        private void requireOk(HttpFetch.Response r, String what) {
            if (r.status() == 200) return;
            String detail = ErrorBodies.describe(r.body()).map(d -> ": " + d).orElse("");
            String hint = r.status() == 401
                    ? "the service wants an IMDSv2 token and refused ours; check the instance's metadata options"
                    : "check the instance's metadata options and its IAM role";
            throw new CredentialsException("instance metadata " + r.url() + " answered " + r.status() + " for " + what
                    + detail, hint);
        }

        /** A token, or null to go on with IMDSv1 (then {@link #whyV1} says why). */
        private String sessionToken(boolean renew) {
            synchronized (tokenLock) {
                if (renew) {
                    cachedToken = null;
                } else if (cachedToken != null && clock.instant().isBefore(cachedTokenRefreshAt)) {
                    return cachedToken;
                }
                Instant asked = clock.instant();
                URI url = target.resolve(TOKEN_PATH);
                HttpFetch.Response r;
                try {
                    r = fetch.send("PUT", url, Map.of(TTL_HEADER, Long.toString(TOKEN_TTL_SECONDS)));
                } catch (HttpFetchException e) {
                    if (e.isUnreachable()) throw absent(target, e.getMessage());
                    return useV1(e.getMessage());
                }
                if (r.status() == 400) {
                    throw new CredentialsException("instance metadata " + url + " refused the token request as malformed (400)",
                            "a proxy or firewall may be changing the request; check " + Setting.EC2_METADATA_SERVICE_ENDPOINT.displayName());
                }
                if (RetryingFetch.isBusy(r.status())) {
                    // A busy or failing service is there: IMDSv1 would not help, and botocore-style "v1 only"
                    // would hide the throttling. The answers were already retried with backoff.
                    throw new CredentialsException("instance metadata " + url + " answered " + r.status()
                            + " to the IMDSv2 token request " + fetch.statusAttempts() + " times",
                            "the service is throttling or failing; try again, or raise "
                                    + Setting.METADATA_SERVICE_NUM_ATTEMPTS.environmentVariable()
                                    + " (metadata_service_num_attempts)");
                }
                if (r.status() != 200) return useV1(r.url() + " answered " + r.status());
                String token = r.body().strip();
                if (token.isEmpty() || token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
                    return useV1(r.url() + " answered a token that cannot be used");
                }
                long ttl = r.header(TTL_HEADER).map(InstanceMetadataCredentialsProvider::parseTtl).orElse(TOKEN_TTL_SECONDS);
                Duration margin = minimum(TOKEN_REFRESH_MARGIN, Duration.ofSeconds(ttl).dividedBy(2));
                cachedToken = token;
                cachedTokenRefreshAt = asked.plusSeconds(ttl).minus(margin);
                return token;
            }
        }

        private String useV1(String why) {
            if (v1Disabled) {
                throw new CredentialsException("instance metadata " + target.base + ": the IMDSv2 token request failed ("
                        + why + ") and IMDSv1 is disabled (" + Setting.EC2_METADATA_V1_DISABLED.displayName()
                        + " or ec2_metadata_v1_disabled is true)",
                        "check the instance's metadata options (a container may need a hop limit of 2), or allow IMDSv1");
            }
            whyV1 = "IMDSv2 token request: " + why;
            return null;
        }
    }

    private CredentialsException absent(Target target, String detail) {
        if (target.explicit) {
            return new CredentialsException("instance metadata endpoint " + target.base + " (set by "
                    + Setting.EC2_METADATA_SERVICE_ENDPOINT.displayName() + ") does not answer: " + detail,
                    "start the service there, or unset " + Setting.EC2_METADATA_SERVICE_ENDPOINT.displayName());
        }
        return new CredentialsNotConfiguredException("no instance metadata service at " + target.base + " (" + detail + ")",
                "not on EC2? set " + Setting.EC2_METADATA_DISABLED.displayName() + "=true to skip this check");
    }

    private static long parseTtl(String text) {
        try {
            long ttl = Long.parseLong(text.trim());
            return ttl >= 1 && ttl <= TOKEN_TTL_SECONDS ? ttl : TOKEN_TTL_SECONDS;
        } catch (NumberFormatException e) {
            return TOKEN_TTL_SECONDS;
        }
    }

    private static Duration minimum(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Clock, timeout and attempts; without them, the settings and the defaults (1 s, 1 attempt). */
    public static final class Builder {
        private final Settings settings;
        private Clock clock = Clock.systemUTC();
        private Duration timeout;
        private Integer attempts;
        private URI defaultEndpoint;
        private Supplier<Optional<Profile>> profile = Optional::empty;
        private RetryingFetch.Pause pause = DEFAULT_PAUSE;

        private Builder(Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** The clock the IMDSv2 token's lifetime is measured on. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** The time allowed to one request (to connect, to wait, in all); overrides AWS_METADATA_SERVICE_TIMEOUT. */
        public Builder timeout(Duration t) {
            if (t.isNegative() || t.isZero()) throw new IllegalArgumentException("timeout must be positive");
            this.timeout = t;
            return this;
        }

        /** Requests per step before giving up; overrides AWS_METADATA_SERVICE_NUM_ATTEMPTS. */
        public Builder attempts(int n) {
            if (n < 1) throw new IllegalArgumentException("attempts must be at least 1");
            this.attempts = n;
            return this;
        }

        /**
         * The profile whose {@code ec2_metadata_service_endpoint(_mode)}, {@code metadata_service_timeout},
         * {@code metadata_service_num_attempts} and {@code ec2_metadata_v1_disabled} apply when the environment
         * does not set them (botocore reads them from the profile in use).
         */
        public Builder profile(Profile p) {
            Optional<Profile> fixed = Optional.ofNullable(p);
            this.profile = () -> fixed;
            return this;
        }

        /** The same, looked up at each resolve (the profile files are read only when IMDS is really asked). */
        public Builder profile(Supplier<Optional<Profile>> p) {
            this.profile = Objects.requireNonNull(p, "profile");
            return this;
        }

        /** The wait between attempts (tests: record it instead of sleeping). */
        Builder pause(RetryingFetch.Pause p) {
            this.pause = Objects.requireNonNull(p, "pause");
            return this;
        }

        /** Replaces the built-in 169.254.169.254 (tests: a port where nothing listens). */
        Builder defaultEndpoint(URI endpoint) {
            this.defaultEndpoint = endpoint;
            return this;
        }

        public InstanceMetadataCredentialsProvider build() {
            return new InstanceMetadataCredentialsProvider(this);
        }
    }
}
