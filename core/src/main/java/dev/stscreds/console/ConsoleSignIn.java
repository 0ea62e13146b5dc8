package dev.stscreds.console;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.ProfileSet;
import dev.stscreds.config.Settings;
import dev.stscreds.resolve.ProfileContext;
import dev.stscreds.resolve.ProfilePlan;
import dev.stscreds.resolve.ProfileResolver;
import dev.stscreds.resolve.Regions;
import dev.stscreds.resolve.ResolveOptions;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.HttpFetchException;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.sts.StsClient;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An AWS console sign-in URL for a set of credentials, through the federation endpoint: the
 * session's keys are traded for a sign-in token ({@code Action=getSigninToken}), and the token
 * goes into a login URL ({@code Action=login}) that opens the console as that session.
 *
 * <p>Which credentials sign in:
 * <ul>
 *   <li>A role session (AssumeRole) signs in as it is. {@code duration} becomes the console's
 *       {@code SessionDuration}; without it AWS's default applies (1 hour). AWS refuses
 *       {@code SessionDuration} for a role assumed with another role's session (role chaining),
 *       so a duration given for such a profile is refused here, before any call.</li>
 *   <li>Long-term keys (an IAM user) cannot sign in directly: they are first traded for a
 *       federated session with GetFederationToken and a policy that allows all the user may do
 *       (the session gets the intersection of the user's policies and this one). {@code duration}
 *       becomes the federation token's lifetime, which the console session then has.</li>
 *   <li>Other sessions (GetSessionToken's MFA sessions) are refused by AWS; the error says so.</li>
 * </ul>
 *
 * <p>The login URL holds a sign-in token, which is a credential for 15 minutes: it is returned,
 * never logged, and no message here contains it or the session's keys.
 */
public final class ConsoleSignIn {
    public static final Duration MIN_DURATION = Duration.ofSeconds(900);
    public static final Duration MAX_DURATION = Duration.ofSeconds(43_200);
    /** The session policy for GetFederationToken: the federated session may do what the user may. */
    static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    static final String FEDERATED_USER_NAME = "stscreds";
    static final String ISSUER = "stscreds";
    private static final JsonFactory JSON = new JsonFactory();

    private final CredentialsProvider credentials;
    private final Supplier<StsClient> sts;
    private final HttpFetch http;
    private final Optional<String> region;
    private final boolean roleChained;
    private final String source;

    private ConsoleSignIn(CredentialsProvider credentials, Supplier<StsClient> sts, HttpFetch http, Optional<String> region,
                          boolean roleChained, String source) {
        this.credentials = Objects.requireNonNull(credentials);
        this.sts = Objects.requireNonNull(sts);
        this.http = Objects.requireNonNull(http);
        this.region = Objects.requireNonNull(region);
        this.roleChained = roleChained;
        this.source = source;
    }

    /**
     * Sign-in as a profile: its credentials (through the shared cache and MFA as usual), its
     * region (for the partition's endpoint and the console home), and its STS endpoint for
     * GetFederationToken.
     */
    public static ConsoleSignIn forProfile(Settings settings, String profile, Clock clock, ResolveOptions options) {
        return forProfile(ProfileContext.create(settings, clock, options), profile);
    }

    /** {@link #forProfile(Settings, String, Clock, ResolveOptions)} through a context's profiles and endpoints. */
    public static ConsoleSignIn forProfile(ProfileContext context, String profile) {
        boolean roleChained;
        try {
            roleChained = isRoleChained(context.plan(profile));
        } catch (dev.stscreds.CredentialsNotConfiguredException vaultOnly) {
            roleChained = false; // keys only in the vault: long-term keys, no role
        }
        return new ConsoleSignIn(context.provider(profile), () -> context.sts(profile),
                defaultHttp().withNetwork(context.network(profile)),
                context.region(profile), roleChained, "profile " + profile);
    }

    /** Sign-in with any credentials; {@code sts} is used only for long-term keys (GetFederationToken). */
    public static ConsoleSignIn of(CredentialsProvider credentials, StsClient sts, Optional<String> region) {
        return new ConsoleSignIn(credentials, () -> sts, defaultHttp(), region, false, credentials.name());
    }

    /** The same sign-in over another HTTP client (other timeouts). */
    public ConsoleSignIn withHttp(HttpFetch other) {
        return new ConsoleSignIn(credentials, sts, other, region, roleChained, source);
    }

    /**
     * Trades the credentials for a sign-in token and returns the login URL. Keep it secret: for 15
     * minutes anyone who has it can open the console as this session.
     */
    public URI signInUrl(SignInRequest request) {
        Optional<Duration> duration = request.duration();
        duration.ifPresent(ConsoleSignIn::checkDuration);
        URI federation = request.federationEndpoint().orElseGet(() -> SigninEndpoints.federation(region));
        checkHttpUrl(federation, "federation endpoint", "--federation-url", "https://signin.aws.amazon.com/federation");
        URI destination = request.destination().orElseGet(() -> SigninEndpoints.consoleHome(region));
        checkHttpUrl(destination, "destination", "--destination", "https://console.aws.amazon.com/");

        Credentials session = credentials.resolve();
        Optional<Duration> sessionDuration = duration;
        if (!session.isTemporary()) {
            session = sts.get().getFederationToken(session, FEDERATED_USER_NAME, ALLOW_ALL, duration.orElse(null)).credentials();
            sessionDuration = Optional.empty(); // the federation token's lifetime is the console session's
        } else if (duration.isPresent() && roleChained) {
            throw new CredentialsException(source + " assumes its role with another role's session (role chaining),"
                    + " and AWS refuses a console SessionDuration for such sessions",
                    "leave out --duration: the console session then lasts as long as the role session (at most 1 hour)");
        }
        String token = signinToken(federation, session, sessionDuration);
        return URI.create(federation + separator(federation) + "Action=login&Issuer=" + encode(ISSUER)
                + "&Destination=" + encode(destination.toString()) + "&SigninToken=" + encode(token));
    }

    private String signinToken(URI federation, Credentials session, Optional<Duration> sessionDuration) {
        URI url = URI.create(federation + separator(federation) + "Action=getSigninToken"
                + sessionDuration.map(d -> "&SessionDuration=" + d.toSeconds()).orElse("")
                + "&Session=" + encode(sessionJson(session)));
        String what = "getSigninToken at " + federation;
        HttpFetch.Response answer;
        try {
            answer = http.get(url, Map.of("Accept", "application/json"));
        } catch (HttpFetchException e) {
            // Not chained as the cause: the failure names the whole URL, whose query holds the session's keys.
            throw new CredentialsException(what + " failed: " + withoutUrl(e.getMessage(), "GET " + url),
                    "check the network and --federation-url (default: the federation endpoint of the profile's partition)");
        }
        if (!answer.isSuccess()) {
            throw new CredentialsException(what + " was refused with HTTP " + answer.status(), answer.status() == 400
                    ? "sign-in needs a role session (AssumeRole) or long-term keys (traded with GetFederationToken);"
                            + " an MFA session from GetSessionToken cannot sign in, and an expired session cannot either"
                    : "check --federation-url (default: the federation endpoint of the profile's partition)");
        }
        return JsonDocument.parseObject(answer.body(), "the " + what + " answer").requiredString("SigninToken");
    }

    private static String sessionJson(Credentials session) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("sessionId", session.accessKeyId());
            g.writeStringField("sessionKey", session.secretAccessKey());
            g.writeStringField("sessionToken", session.sessionToken().orElseThrow());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A role whose source profile gives role credentials: a chained session. */
    private static boolean isRoleChained(ProfilePlan plan) {
        return plan instanceof ProfilePlan.AssumeRole role && role.sourcePlan()
                .map(s -> s instanceof ProfilePlan.AssumeRole || s instanceof ProfilePlan.WebIdentity || s instanceof ProfilePlan.Sso
                        || s instanceof ProfilePlan.RolesAnywhere || s instanceof ProfilePlan.Saml || s instanceof ProfilePlan.Login)
                .orElse(false);
    }

    private static void checkDuration(Duration d) {
        if (d.compareTo(MIN_DURATION) < 0 || d.compareTo(MAX_DURATION) > 0) {
            throw new CredentialsException("a console session lasts 900 to 43200 seconds; " + d.toSeconds() + " s was asked",
                    "give --duration between 15m and 12h");
        }
    }

    private static void checkHttpUrl(URI url, String what, String option, String example) {
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new CredentialsException("the " + what + " " + url + " is not an http(s) URL",
                    "give " + option + " as a full URL, e.g. " + example);
        }
    }

    private static String withoutUrl(String message, String prefix) {
        return message.startsWith(prefix) ? message.substring(prefix.length()).replaceFirst("^:\\s*", "") : "the request failed";
    }

    private static String separator(URI url) {
        return url.getRawQuery() == null ? "?" : "&";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HttpFetch defaultHttp() {
        return new HttpFetch(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), 64 * 1024);
    }
}
