package dev.stscreds.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.CredentialsException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Our reader against the AWS SDK for Java v2's own {@code ProfileFile} on the same texts, as config
 * and as credentials file. Known, deliberate differences are left out of the comparison and named:
 * the SDK lists sub-properties also as flattened {@code parent.child} keys (we give them through
 * {@link Property#subProperties()}), fails on a byte order mark (we skip it), and accepts {@code []}
 * as a profile with an empty name (we warn and ignore it). Key names: the SDK keeps their case, botocore
 * lower-cases them; we follow botocore, so the SDK's key names are compared lower-cased.
 */
class ProfileFileSdkCrossCheckTest {
    private static final List<String> TEXTS = List.of(
            "[default]\nregion = a # c\nb=abc#def\nc = x;y\nd = v\t;z\n",
            "[default]\np = one\n  two # x\n\n# c\n\tthree\n",
            "[default]\ns3 =\n  max = 10\n  other=2\n",
            "[default]\ns3 =\n  nokey\n",
            "[default]\nregion = plain\n[profile default]\nregion = pre\n",
            "[profile default]\nregion = pre\n[default]\nregion = plain\n",
            "[work]\na = 1\n[profile\twork2]\nb=2\n[  profile   sp  ]\nc=3\n",
            "[profile a b]\nx=1\nbroken\n[profile ok]\ny=2\n",
            "[default]\nbad key = 1\n  cont\ngood=2\n",
            "[profile a]\nregion=1\n[profile a]\nregion=2\nz=3\n",
            "[default]\n  dangling\n",
            "  dangling\n",
            "region=x\n",
            "[default]\n= v\n",
            "[default]\nnoequals\n",
            "[profile x\n",
            "[profile x] # c\nk=v\n",
            "[profile x];c\nk=v\n",
            "[default]\rk = v\r",
            "[default]\r\nk = v\r\n",
            "[sso-session s]\na=1\n[services x]\nsts =\n  endpoint_url = http://e\n",
            "[plugins x]\na=1\n[profile]\nb=2\n[default]\n",
            "[profile ok-1_/.%@:+]\nk=v\n",
            "[default]\nk = \n",
            "[default]\nk=v # c\n  more # not\n",
            "[profile x] junk\nk=v\n",
            "[ profile x ]\nk=v\n",
            "[profile x #c]\nk=v\n",
            "[default]\n\tk=v\n",
            "[profile a]\nk=1\n[profile a b]\n  cont\n",
            "[default]\nk=1\n[bad name]\nj=2\n  cont\n[default]\n  dangling\n",
            "[default]\nk\t=\tv\t\n",
            "[default]\nk = a = b\n",
            "[default]\n#x\n;y\nk=v;#\n",
            "[sso-session]\na=1\n",
            "[services]\na=1\n",
            "[default]\ns3=\n  a = 1 # c\n",
            "[default]\nrole_arn=x\n[profile default]\n",
            "[default]\nAWS_ACCESS_KEY_ID = A\nRegion = r\n");

    @Test
    void readsEveryTextAsTheSdkDoes() {
        List<String> differences = new ArrayList<>();
        for (String text : TEXTS) {
            for (ProfileFileKind kind : ProfileFileKind.values()) {
                String sdk = sdk(text, kind);
                String ours = ours(text, kind);
                if (!sdk.equals(ours)) {
                    differences.add(kind + " " + text.replace("\n", "\\n") + "\n  sdk:  " + sdk + "\n  ours: " + ours);
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    private static String sdk(String text, ProfileFileKind kind) {
        try {
            software.amazon.awssdk.profiles.ProfileFile file = software.amazon.awssdk.profiles.ProfileFile.builder()
                    .content(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                    .type(kind == ProfileFileKind.CONFIG
                            ? software.amazon.awssdk.profiles.ProfileFile.Type.CONFIGURATION
                            : software.amazon.awssdk.profiles.ProfileFile.Type.CREDENTIALS)
                    .build();
            Map<String, Object> out = new TreeMap<>();
            file.profiles().forEach((name, profile) -> {
                Map<String, String> keys = new TreeMap<>();
                // Where botocore and the Java SDK v2 disagree we follow botocore: key names are case-insensitive.
                profile.properties().forEach((k, v) -> keys.put(k.toLowerCase(java.util.Locale.ROOT), v));
                // Flattened sub-properties (parent.child) are the SDK's view of what we keep in subProperties().
                keys.keySet().removeIf(k -> k.contains(".") && keys.containsKey(k.substring(0, k.indexOf('.'))));
                out.put(name, keys);
            });
            return out.toString();
        } catch (RuntimeException e) {
            return "ERROR";
        }
    }

    private static String ours(String text, ProfileFileKind kind) {
        try {
            ProfileFile file = ProfileFile.parse(text, Path.of("f"), kind);
            Map<String, Object> out = new TreeMap<>();
            file.profiles().forEach((name, profile) -> {
                Map<String, String> keys = new TreeMap<>();
                profile.properties().forEach((k, v) -> keys.put(k, v.value()));
                out.put(name, keys);
            });
            return out.toString();
        } catch (CredentialsException e) {
            return "ERROR";
        }
    }
}
