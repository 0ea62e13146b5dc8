package dev.stscreds.wire.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Role ARNs: what the SDKs would send is sent, only what is no IAM role ARN at all is refused. */
class RoleArnTest {
    @ParameterizedTest
    @ValueSource(strings = {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"})
    void everyPartitionIsARoleArnWithoutWarnings(String partition) {
        String text = "arn:" + partition + ":iam::123456789012:role/team/Deploy";
        RoleArn arn = RoleArn.parse(text).orElseThrow();
        assertThat(arn.partition()).isEqualTo(partition);
        assertThat(arn.name()).isEqualTo("Deploy");
        assertThat(arn.warnings()).isEmpty();
        assertThat(AssumeRoleRequest.builder(text).build().roleArn()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:iam::1234:role/short-account",
        "arn:aws:iam::000000000000000:role/long-account",
        "arn:aws:iam::aws:role/named-account",
        "arn:aws-future:iam::123456789012:role/new-partition",
        "arn:aws:iam:us-east-1:123456789012:role/with-region",
        "arn:aws:iam::123456789012:role/name with space"})
    void oddButPlausibleArnsAreSentWithAWarning(String text) {
        assertThat(RoleArn.parse(text)).get().satisfies(arn -> assertThat(arn.warnings()).isNotEmpty());
        assertThat(AssumeRoleRequest.builder(text).build().roleArn()).isEqualTo(text);
    }

    @Test
    void theAccountIsTheAccountFieldWhateverItsForm() {
        assertThat(RoleArn.parse("arn:aws:iam::1234:role/r").orElseThrow().account()).isEqualTo("1234");
        assertThat(StsClient.accountOf("arn:aws-cn:iam::123456789012:role/r")).isEqualTo("123456789012");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Admin",
        "123456789012",
        "arn:aws:iam::123456789012:user/alice",
        "arn:aws:sts::123456789012:assumed-role/r/s",
        "arn:aws:s3:::bucket",
        "arn:aws:iam::123456789012:role/",
        "arn:aws:iam:::role/no-account",
        "arn::iam::123456789012:role/no-partition",
        "arn:aws:iam::123456789012"})
    void whatIsNoIamRoleArnAtAllIsRefused(String text) {
        assertThat(RoleArn.parse(text)).isEmpty();
        assertThatThrownBy(() -> AssumeRoleRequest.builder(text).build())
                .isInstanceOf(CredentialsException.class).hasMessageContaining("not an IAM role ARN");
    }
}
