package dev.stscreds.source;

import dev.stscreds.files.BoundedFileReader;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.wire.sts.StsClient;
import dev.stscreds.wire.sts.StsSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * AssumeRoleWithWebIdentity with the token in a file, re-read at every call: the platform (EKS,
 * a CI runner) rotates the file, so a cached token would soon be refused.
 */
public final class WebIdentityCredentialsProvider implements CredentialsProvider {

    private final StsClient sts;
    private final String roleArn;
    private final Path tokenFile;
    private final String sessionName;
    private final String label;

    /**
     * @param sessionName null for a generated one
     * @param label       where the settings came from, e.g. {@code environment} or {@code profile ci}
     */
    public WebIdentityCredentialsProvider(StsClient sts, String roleArn, Path tokenFile, String sessionName, String label) {
        this.sts = Objects.requireNonNull(sts);
        this.roleArn = Objects.requireNonNull(roleArn);
        this.tokenFile = Objects.requireNonNull(tokenFile);
        this.sessionName = sessionName;
        this.label = label;
    }

    @Override
    public String name() {
        return "web identity " + roleArn;
    }

    @Override
    public Credentials resolve() {
        return session().credentials();
    }

    /** A new session, with the assumed-role user, for a cache that keeps it whole. */
    public StsSession session() {
        StsSession session = sts.assumeRoleWithWebIdentity(roleArn, sessionName, readToken(), null);
        return session.withCredentials(session.credentials()
                .withSource(label + ": role " + roleArn + " with the web identity token in " + tokenFile));
    }

    private String readToken() {
        try {
            String token = new String(BoundedFileReader.read(tokenFile, BoundedFileReader.TOKEN_FILE_LIMIT), StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw new CredentialsException("the web identity token file " + tokenFile + " is empty",
                        "check that the platform has written the token there");
            }
            return token;
        } catch (NoSuchFileException e) {
            throw new CredentialsException("the web identity token file " + tokenFile + " does not exist",
                    "check the path in AWS_WEB_IDENTITY_TOKEN_FILE or web_identity_token_file");
        } catch (IOException e) {
            throw new CredentialsException("could not read the web identity token file " + tokenFile + ": " + e.getMessage(),
                    "check that it is a readable file", e);
        }
    }
}
