package dev.stscreds.wire.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.Credentials;
import dev.stscreds.testkit.MotoServer;
import dev.stscreds.wire.iam.IamClient;
import dev.stscreds.wire.query.AwsServiceException;
import dev.stscreds.wire.query.QueryClient;
import dev.stscreds.wire.query.QueryForm;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The STS and IAM clients against moto_server with signature checking on
 * ({@code INITIAL_NO_AUTH_ACTION_COUNT=0}): a real peer's view of our SigV4, forms and parsing.
 * Skipped with a reason when moto_server is not installed.
 */
class MotoInteropTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Credentials SETUP = Credentials.of("AKIASETUPSETUPSETUP0", "setup-secret", "setup");
    private static MotoServer moto;
    private static Credentials alice;
    private static String vendorRole;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> executable = MotoServer.executable();
        assumeTrue(executable.isPresent(), "moto_server is not installed (pyenv or PATH): interop test skipped");
        moto = MotoServer.start(executable.get());
        QueryClient iam = QueryClient.builder("iam", moto.endpoint(), "us-east-1").build();
        moto.withoutAuth(() -> {
            iam.call(QueryForm.of("CreateUser", "2010-05-08").add("UserName", "alice"), SETUP);
            iam.call(QueryForm.of("PutUserPolicy", "2010-05-08").add("UserName", "alice").add("PolicyName", "all")
                    .add("PolicyDocument", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}"), SETUP);
            alice = IamClient.create(moto.endpoint(), CLOCK).createAccessKey(SETUP, "alice").credentials();
            vendorRole = iam.call(QueryForm.of("CreateRole", "2010-05-08").add("RoleName", "Vendor")
                    .add("AssumeRolePolicyDocument", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
                            + " \"Principal\": {\"AWS\": \"arn:aws:iam::123456789012:user/alice\"}, \"Action\": \"sts:AssumeRole\","
                            + " \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"ext-42\"}}}]}"), SETUP)
                    .textAt("Role", "Arn").orElseThrow();
        });
    }

    @AfterAll
    static void stop() {
        if (moto != null) moto.close();
    }

    private static StsClient sts() {
        return StsClient.create(moto.endpoint(), "us-east-1", CLOCK);
    }

    @Test
    void callerIdentityIsSignedRight() {
        assertThat(sts().getCallerIdentity(alice).arn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
    }

    @Test
    void aWrongSecretIsRefusedWithSignatureDoesNotMatch() {
        Credentials forged = alice.toBuilder().secretAccessKey("wrong-secret-wrong-secret").build();
        assertThatThrownBy(() -> sts().getCallerIdentity(forged))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void assumeRoleWithExternalIdThenCallAsTheRole() {
        StsSession session = sts().assumeRole(alice,
                AssumeRoleRequest.builder(vendorRole).roleSessionName("interop").externalId("ext-42").build(), null);

        assertThat(session.assumedRoleArn()).get().asString().contains("assumed-role/Vendor/interop");
        CallerIdentity asRole = sts().getCallerIdentity(session.credentials());
        assertThat(asRole.arn()).contains("assumed-role/Vendor/interop");
    }

    @Test
    void assumeRoleWithTheWrongExternalIdIsDenied() {
        assertThatThrownBy(() -> sts().assumeRole(alice,
                AssumeRoleRequest.builder(vendorRole).roleSessionName("interop").externalId("ext-43").build(), null))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("AccessDenied");
                    assertThat(e.requestId()).isPresent();
                });
    }

    @Test
    void sessionToken() {
        // moto hands out a fixed example session that it does not accept back, so only the answer is checked.
        StsSession session = sts().getSessionToken(alice, null, null, null);
        assertThat(session.credentials().isTemporary()).isTrue();
        assertThat(session.credentials().expiration()).isPresent();
    }

    @Test
    void webIdentity() {
        // moto's signature check fails on any unsigned request (it looks for an Authorization header),
        // so this one runs with its authentication off; the call is unsigned either way.
        StsSession[] session = new StsSession[1];
        moto.withoutAuth(() -> session[0] = sts().assumeRoleWithWebIdentity(vendorRole, "pod", "eyJhbGciOiJSUzI1NiJ9.e30.sig", null));
        assertThat(session[0].credentials().isTemporary()).isTrue();
        assertThat(session[0].assumedRoleArn()).get().asString().contains("Vendor");
    }

    @Test
    void iamAccessKeyLifecycle() {
        IamClient iam = IamClient.create(moto.endpoint(), CLOCK);
        assertThat(iam.getUser(alice, null).userName()).isEqualTo("alice");
        IamClient.NewAccessKey second = iam.createAccessKey(alice, "alice");
        assertThat(iam.listAccessKeys(alice, "alice")).extracting(IamClient.AccessKeyInfo::accessKeyId)
                .contains(alice.accessKeyId(), second.credentials().accessKeyId());
        iam.updateAccessKey(alice, "alice", second.credentials().accessKeyId(), "Inactive");
        iam.deleteAccessKey(alice, "alice", second.credentials().accessKeyId());
        assertThat(iam.listAccessKeys(alice, "alice")).extracting(IamClient.AccessKeyInfo::accessKeyId)
                .containsExactly(alice.accessKeyId());
        assertThat(iam.listMfaDevices(alice, "alice")).isEqualTo(List.of());
    }
}
