package dev.stscreds.source;

import dev.stscreds.files.BoundedFileReader;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.Setting;
import dev.stscreds.config.Settings;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.HttpFetchException;
import dev.stscreds.wire.JsonDocument;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials from a container credentials endpoint: the ECS agent, EKS Pod Identity, or a local
 * server such as {@code stscreds}' own (SPEC §5).
 *
 * <p>The endpoint is {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} on {@code http://169.254.170.2},
 * else {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} (plain http only to loopback or the agents).
 * The {@code Authorization} header comes from {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE}, read
 * again at every call because agents rotate it, else from {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}.
 * Each request may take {@linkplain Builder#timeout(Duration) 2 s}; connection failures, timeouts
 * and 5xx answers are tried again, {@linkplain Builder#attempts(int) 3 attempts} in all.
 *
 * <p>Nothing is cached here; wrap the provider in the refresh decorator.
 */
public final class ContainerCredentialsProvider implements CredentialsProvider {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final int DEFAULT_ATTEMPTS = 3;
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final RetryingFetch.Pause DEFAULT_PAUSE = RetryingFetch.Pause.linear(Duration.ofMillis(200));

    private final Settings settings;
    private final RetryingFetch fetch;
    private final ContainerEndpoint.AddressResolver resolver;

    public ContainerCredentialsProvider(Settings settings) {
        this(builder(settings));
    }

    private ContainerCredentialsProvider(Builder b) {
        this.settings = b.settings;
        this.fetch = new RetryingFetch(new HttpFetch(b.timeout, b.timeout, b.timeout, MAX_BODY_BYTES), b.attempts, b.pause);
        this.resolver = b.resolver;
    }

    public static Builder builder(Settings settings) {
        return new Builder(settings);
    }

    @Override
    public String name() {
        return "container";
    }

    @Override
    public Credentials resolve() {
        URI url = ContainerEndpoint.from(settings, resolver);
        String label = "container endpoint " + url;
        Map<String, String> headers = authorizationToken().map(t -> Map.of("Authorization", t)).orElse(Map.of());
        HttpFetch.Response answer;
        try {
            answer = fetch.send("GET", url, headers);
        } catch (HttpFetchException e) {
            throw new CredentialsException(label + " gave no answer after " + fetch.attempts() + " attempt(s): "
                    + e.getMessage(), "check that the endpoint is running and reachable from here", e);
        }
        if (answer.status() != 200) throw refused(label, answer);
        String hint = "the endpoint at " + url + " does not speak the container credentials protocol, or is broken";
        JsonDocument doc = MetadataCredentialsDocument.parse(answer.body(), "the answer of " + label, hint);
        return MetadataCredentialsDocument.credentials(doc, label, hint);
    }

    /** The token for the Authorization header; the file wins over the variable. Never shown in errors. */
    private Optional<String> authorizationToken() {
        Optional<String> file = settings.get(Setting.CONTAINER_AUTHORIZATION_TOKEN_FILE);
        if (file.isPresent()) {
            String token = readTokenFile(settings.expandHome(file.get()));
            return Optional.of(checkHeaderValue(token, "the token in " + file.get()
                    + " (" + Setting.CONTAINER_AUTHORIZATION_TOKEN_FILE.displayName() + ")"));
        }
        return settings.get(Setting.CONTAINER_AUTHORIZATION_TOKEN)
                .map(t -> checkHeaderValue(t, Setting.CONTAINER_AUTHORIZATION_TOKEN.displayName()));
    }

    private static String readTokenFile(Path path) {
        try {
            // Used exactly as written, like botocore and the Go SDK: a trailing line break is an error below.
            String token = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(BoundedFileReader.read(path, BoundedFileReader.TOKEN_FILE_LIMIT)))
                    .toString();
            if (token.isEmpty()) {
                throw new CredentialsException("the container authorization token file " + path + " is empty",
                        "write the token into it, or unset " + Setting.CONTAINER_AUTHORIZATION_TOKEN_FILE.displayName());
            }
            return token;
        } catch (CharacterCodingException e) {
            throw new CredentialsException("the container authorization token file " + path + " is not UTF-8 text", null);
        } catch (IOException e) {
            throw new CredentialsException("cannot read the container authorization token file " + path + ": " + reason(e),
                    "check " + Setting.CONTAINER_AUTHORIZATION_TOKEN_FILE.displayName() + " and the file's permissions");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) return fse.getReason();
        return e.getClass().getSimpleName();
    }

    private static String checkHeaderValue(String token, String where) {
        if (token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0) {
            throw new CredentialsException(where + " contains a line break, which cannot go into an HTTP header",
                    "remove the line break (a file written with echo ends with one; use printf '%s')");
        }
        return token;
    }

    private static CredentialsException refused(String label, HttpFetch.Response answer) {
        String detail = ErrorBodies.describe(answer.body()).map(d -> ": " + d).orElse("");
        String hint;
        if (answer.status() == 401 || answer.status() == 403) {
            hint = "check " + Setting.CONTAINER_AUTHORIZATION_TOKEN_FILE.displayName() + " or "
                    + Setting.CONTAINER_AUTHORIZATION_TOKEN.displayName();
        } else if (answer.status() == 404) {
            hint = "check the path in " + Setting.CONTAINER_CREDENTIALS_RELATIVE_URI.displayName() + " or "
                    + Setting.CONTAINER_CREDENTIALS_FULL_URI.displayName();
        } else {
            hint = "the endpoint is failing; try again later or look at its logs";
        }
        return new CredentialsException(label + " answered " + answer.status() + detail, hint);
    }

    /** Timeouts and attempts; the defaults are botocore's. */
    public static final class Builder {
        private final Settings settings;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int attempts = DEFAULT_ATTEMPTS;
        private RetryingFetch.Pause pause = DEFAULT_PAUSE;
        private ContainerEndpoint.AddressResolver resolver = ContainerEndpoint.AddressResolver.SYSTEM;

        private Builder(Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /**
         * The time allowed to one request, 2 s by default: to connect, to wait for any bytes, and in
         * all (see {@link HttpFetch} for the exact bound).
         */
        public Builder timeout(Duration t) {
            if (t.isNegative() || t.isZero()) throw new IllegalArgumentException("timeout must be positive");
            this.timeout = t;
            return this;
        }

        /** How many requests to make before giving up; 3 by default. */
        public Builder attempts(int n) {
            if (n < 1) throw new IllegalArgumentException("attempts must be at least 1");
            this.attempts = n;
            return this;
        }

        /** The wait between attempts (tests pass one that records instead of sleeping). */
        Builder pause(RetryingFetch.Pause p) {
            this.pause = Objects.requireNonNull(p);
            return this;
        }

        Builder resolver(ContainerEndpoint.AddressResolver r) {
            this.resolver = Objects.requireNonNull(r);
            return this;
        }

        public ContainerCredentialsProvider build() {
            return new ContainerCredentialsProvider(this);
        }
    }
}
