package dev.stscreds.serve;

import dev.stscreds.CredentialsProvider;
import java.time.Clock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The container credentials endpoint (what AWS_CONTAINER_CREDENTIALS_FULL_URI points at):
 * {@code GET /credentials} gives the served profile's credentials; {@code GET /role-arn/ARN}
 * assumes that role on the fly, only when the server was started to allow it.
 */
final class ContainerEndpoint implements Endpoint {
    static final String PATH = "/credentials";
    static final String ROLE_PATH = "/role-arn/";
    /** Enough for any real use; a bound so that a client cannot make the server hold unlimited sessions. */
    static final int MAX_ROLES = 64;
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    private final CredentialsProvider credentials;
    private final Optional<Function<String, CredentialsProvider>> roles;
    private final Map<String, CredentialsProvider> assumed = new ConcurrentHashMap<>();
    private final Clock clock;

    ContainerEndpoint(CredentialsProvider credentials, Optional<Function<String, CredentialsProvider>> roles, Clock clock) {
        this.credentials = credentials;
        this.roles = roles;
        this.clock = clock;
    }

    @Override
    public ServerResponse answer(ServerRequest r) {
        if (!r.method().equals("GET")) return ServerResponse.error(405, "MethodNotAllowed", "only GET is served");
        if (r.path().equals(PATH)) return ServedCredentials.answer(credentials, clock, CredentialDocuments::container);
        if (r.path().startsWith(ROLE_PATH)) return role(percentDecoded(r.path().substring(ROLE_PATH.length())));
        return ServerResponse.error(404, "NotFound", "nothing is served at " + r.path() + "; credentials are at " + PATH);
    }

    private ServerResponse role(Optional<String> arn) {
        if (roles.isEmpty()) {
            return ServerResponse.error(404, "NotFound", "assuming roles on request is off; start the server with --allow-role-arn");
        }
        if (arn.isEmpty() || !ROLE_ARN.matcher(arn.get()).matches()) {
            return ServerResponse.error(400, "BadRequest", "give a role ARN: /role-arn/arn:aws:iam::123456789012:role/NAME");
        }
        if (!assumed.containsKey(arn.get()) && assumed.size() >= MAX_ROLES) {
            return ServerResponse.error(400, "BadRequest", "this server already serves " + MAX_ROLES + " roles");
        }
        CredentialsProvider provider = assumed.computeIfAbsent(arn.get(), roles.get());
        return ServedCredentials.answer(provider, clock, CredentialDocuments::container);
    }

    /** Percent-decoding of a path segment ({@code +} stays a plus); empty when it is not valid UTF-8 percent-encoding. */
    static Optional<String> percentDecoded(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) return Optional.empty();
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return Optional.empty();
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }
}
