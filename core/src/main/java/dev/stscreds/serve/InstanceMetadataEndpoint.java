package dev.stscreds.serve;

import dev.stscreds.CredentialsProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Instance metadata as the SDKs read it (SPEC §5): IMDSv2 tokens from {@code PUT /latest/api/token},
 * then the role listing and the credentials document under
 * {@code /latest/meta-data/iam/security-credentials/}. A request without a token is refused unless
 * IMDSv1 was allowed explicitly.
 */
final class InstanceMetadataEndpoint implements Endpoint {
    static final String TOKEN_PATH = "/latest/api/token";
    static final String CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";
    static final String TTL_HEADER = "x-aws-ec2-metadata-token-ttl-seconds";
    static final String TOKEN_HEADER = "x-aws-ec2-metadata-token";

    private final CredentialsProvider credentials;
    private final String roleName;
    private final ImdsTokens tokens;
    private final boolean allowV1;
    private final Clock clock;

    InstanceMetadataEndpoint(CredentialsProvider credentials, String roleName, ImdsTokens tokens, boolean allowV1, Clock clock) {
        this.credentials = credentials;
        this.roleName = roleName;
        this.tokens = tokens;
        this.allowV1 = allowV1;
        this.clock = clock;
    }

    @Override
    public ServerResponse answer(ServerRequest r) {
        if (r.path().equals(TOKEN_PATH)) return token(r);
        if (!r.method().equals("GET")) return ServerResponse.error(405, "MethodNotAllowed", "only GET is served here");
        Optional<String> token = r.header(TOKEN_HEADER);
        if (token.isPresent() ? !tokens.isValid(token.get()) : !allowV1) {
            return ServerResponse.text(401, token.isPresent() ? "the metadata token is unknown or expired"
                    : "a metadata token is required (IMDSv2): PUT " + TOKEN_PATH + " first");
        }
        if (r.path().equals(CREDENTIALS_PATH) || r.path().equals(CREDENTIALS_PATH.substring(0, CREDENTIALS_PATH.length() - 1))) {
            return ServerResponse.text(200, roleName);
        }
        if (r.path().equals(CREDENTIALS_PATH + roleName)) {
            return ServedCredentials.answer(credentials, clock, c -> CredentialDocuments.instanceMetadata(c, clock.instant()));
        }
        return ServerResponse.text(404, "not found");
    }

    private ServerResponse token(ServerRequest r) {
        if (!r.method().equals("PUT")) return ServerResponse.error(405, "MethodNotAllowed", "tokens are made with PUT");
        // As on EC2: a request that went through a proxy is not from this machine's own software.
        if (r.header("x-forwarded-for").isPresent()) return ServerResponse.text(403, "forwarded requests get no token");
        Optional<Duration> ttl = r.header(TTL_HEADER).flatMap(InstanceMetadataEndpoint::seconds);
        if (ttl.isEmpty() || ttl.get().isZero() || ttl.get().compareTo(ImdsTokens.MAX_TTL) > 0) {
            return ServerResponse.text(400, "X-aws-ec2-metadata-token-ttl-seconds must be 1 to 21600");
        }
        String token = tokens.issue(ttl.get());
        if (token == null) return ServerResponse.text(503, "too many tokens are live; try again later");
        return ServerResponse.text(200, token).withHeader("X-aws-ec2-metadata-token-ttl-seconds", Long.toString(ttl.get().toSeconds()));
    }

    private static Optional<Duration> seconds(String text) {
        if (!text.matches("\\d{1,6}")) return Optional.empty();
        return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
    }
}
