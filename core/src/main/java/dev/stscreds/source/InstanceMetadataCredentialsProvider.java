package dev.stscreds.source;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.HttpFetchException;
import dev.stscreds.wire.JsonDocument;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Credentials of the IAM role attached to an EC2 instance, from the instance metadata service
 * (IMDS, SPEC §5).
 *
 * <p>IMDSv2 first: a session token from {@code PUT /latest/api/token}, kept until a minute before it
 * expires (on the injected clock) and used for the GETs. When the token request is refused (any
 * status but 400), cut off, or not answered in time, the GETs are made without a token (IMDSv1),
 * unless {@code AWS_EC2_METADATA_V1_DISABLED=true}. Then the first role listed at
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
    static final URI IPV4_ENDPOINT = URI.create("http://169.254.169.254");
    static final URI IPV6_ENDPOINT = URI.create("http://[fd00:ec2::254]");
    static final String TOKEN_PATH = "/latest/api/token";
    static final String ROLES_PATH = "/latest/meta-data/iam/security-credentials/";
    static final String TTL_HEADER = "x-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "x-aws-ec2-metadata-token";
    static final long TOKEN_TTL_SECONDS = 21600;
    static final Duration TOKEN_REFRESH_MARGIN = Duration.ofMinutes(1);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    static final int DEFAULT_ATTEMPTS = 1;
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");

    private final Settings settings;
    private final Clock clock;
    private final Duration timeoutOverride;
    private final Integer attemptsOverride;
    private final URI defaultEndpoint;

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
        Conversation imds = new Conversation(target(), fetch());
        String role = imds.firstRole();
        return imds.credentials(role);
    }

    /** The base URL this provider asks; no request is made. */
    URI endpoint() {
        return target().base;
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

    private Target target() {
        Optional<String> endpoint = settings.get(Setting.EC2_METADATA_SERVICE_ENDPOINT);
        if (endpoint.isPresent()) return new Target(parseEndpoint(endpoint.get()), true);
        if (defaultEndpoint != null) return new Target(defaultEndpoint, false);
        Optional<String> mode = settings.get(Setting.EC2_METADATA_SERVICE_ENDPOINT_MODE);
        if (mode.isEmpty() || mode.get().equalsIgnoreCase("IPv4")) return new Target(IPV4_ENDPOINT, false);
        if (mode.get().equalsIgnoreCase("IPv6")) return new Target(IPV6_ENDPOINT, false);
        throw new CredentialsException(Setting.EC2_METADATA_SERVICE_ENDPOINT_MODE.displayName() + " is \"" + mode.get()
                + "\"; expected IPv4 or IPv6", "set it to IPv4 or IPv6, or unset it");
    }

    private static URI parseEndpoint(String text) {
        String name = Setting.EC2_METADATA_SERVICE_ENDPOINT.displayName();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return uri;
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CredentialsException(name + " is \"" + text + "\", which is not an http URL",
                "expected e.g. http://169.254.169.254 or http://[fd00:ec2::254]");
    }

    private RetryingFetch fetch() {
        Duration timeout = timeoutOverride != null ? timeoutOverride : settingTimeout();
        int attempts = attemptsOverride != null ? attemptsOverride : settingAttempts();
        return new RetryingFetch(new HttpFetch(timeout, timeout, timeout, MAX_BODY_BYTES), attempts, RetryingFetch.Pause.NONE);
    }

    private Duration settingTimeout() {
        Optional<String> text = settings.get(Setting.METADATA_SERVICE_TIMEOUT);
        if (text.isEmpty()) return DEFAULT_TIMEOUT;
        try {
            BigDecimal seconds = new BigDecimal(text.get());
            if (seconds.signum() > 0 && seconds.compareTo(BigDecimal.valueOf(3600)) <= 0) {
                Duration d = Duration.ofMillis(seconds.movePointRight(3).longValue());
                if (!d.isZero()) return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CredentialsException(Setting.METADATA_SERVICE_TIMEOUT.displayName() + " is \"" + text.get()
                + "\"; expected a number of seconds such as 1 or 0.5", null);
    }

    private int settingAttempts() {
        Optional<String> text = settings.get(Setting.METADATA_SERVICE_NUM_ATTEMPTS);
        if (text.isEmpty()) return DEFAULT_ATTEMPTS;
        try {
            int n = Integer.parseInt(text.get());
            if (n >= 1 && n <= 100) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CredentialsException(Setting.METADATA_SERVICE_NUM_ATTEMPTS.displayName() + " is \"" + text.get()
                + "\"; expected a whole number from 1", null);
    }

    /** One resolve's exchange with IMDS: the token (or v1), then the GETs. */
    private final class Conversation {
        private final Target target;
        private final RetryingFetch fetch;
        private String token; // null: IMDSv1
        private String whyV1; // why there is no token, for messages

        Conversation(Target target, RetryingFetch fetch) {
            this.target = target;
            this.fetch = fetch;
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
            if (settings.isTrue(Setting.EC2_METADATA_V1_DISABLED)) {
                throw new CredentialsException("instance metadata " + target.base + ": the IMDSv2 token request failed ("
                        + why + ") and IMDSv1 is disabled (" + Setting.EC2_METADATA_V1_DISABLED.displayName() + " is true)",
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
