package dev.stscreds.wire.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceRegionGuessTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "sts.eu-west-1.amazonaws.com, sts, eu-west-1",
        "STS.EU-WEST-1.AMAZONAWS.COM., sts, eu-west-1",
        "sts.eu-west-1.amazonaws.com:443, sts, eu-west-1",
        "s3.us-east-1.amazonaws.com, s3, us-east-1",
        "my-bucket.s3.eu-central-2.amazonaws.com, s3, eu-central-2",
        "s3.dualstack.ap-southeast-4.amazonaws.com, s3, ap-southeast-4",
        "bucket.s3-fips.dualstack.us-east-1.amazonaws.com, s3, us-east-1",
        "s3-eu-west-1.amazonaws.com, s3, eu-west-1",
        "xyz.execute-api.eu-west-1.amazonaws.com, execute-api, eu-west-1",
        "search-d.eu-west-1.es.amazonaws.com, es, eu-west-1",
        "abc123.us-east-1.aoss.amazonaws.com, aoss, us-east-1",
        "sts-fips.us-east-2.amazonaws.com, sts, us-east-2",
        "email.us-west-2.amazonaws.com, ses, us-west-2",
        "data-ats.iot.eu-west-1.amazonaws.com, iotdata, eu-west-1",
        "runtime.sagemaker.us-east-1.amazonaws.com, sagemaker, us-east-1",
        "bedrock-runtime.us-west-2.amazonaws.com, bedrock, us-west-2",
        "dynamodb.us-gov-west-1.amazonaws.com, dynamodb, us-gov-west-1",
        "sts.cn-north-1.amazonaws.com.cn, sts, cn-north-1",
        "iam.amazonaws.com, iam, us-east-1",
        "sts.amazonaws.com, sts, us-east-1",
        "s3.amazonaws.com, s3, us-east-1",
        "bucket.s3.amazonaws.com, s3, us-east-1",
        "s3-external-1.amazonaws.com, s3, us-east-1",
        "route53.amazonaws.com, route53, us-east-1",
        "globalaccelerator.amazonaws.com, globalaccelerator, us-west-2",
        "iam.us-gov.amazonaws.com, iam, us-gov-west-1",
    })
    void guessesServiceAndRegion(String host, String service, String region) {
        assertThat(ServiceRegionGuess.fromHost(host))
                .contains(new ServiceRegionGuess.Guess(service, Optional.of(region)));
    }

    @ParameterizedTest
    @CsvSource({
        "bucket.s3-accelerate.amazonaws.com, s3",
        "newservice.amazonaws.com, newservice",
    })
    void aGlobalHostOfAnUnknownServiceHasNoRegion(String host, String service) {
        assertThat(ServiceRegionGuess.fromHost(host)).contains(new ServiceRegionGuess.Guess(service, Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "127.0.0.1", "localhost:5000", "amazonaws.com", "sts.amazonaws.com.evil.example",
        "lambda-url.us-east-1.on.aws"})
    void otherHostsAreNotGuessed(String host) {
        assertThat(ServiceRegionGuess.fromHost(host)).isEmpty();
    }
}
