package dev.stscreds.differential;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One generated configuration: the two profile files, the environment, and the features the generator put in,
 * by which a difference from botocore is recognised as a deliberate one (or not).
 */
record GeneratedCase(int id, String config, String credentials, Map<String, String> environment, Set<Feature> features) {

    /** What a case contains that matters when the two tools disagree. */
    enum Feature {
        /** A key written twice in one section (in any case): botocore's INI reader refuses the whole file. */
        DUPLICATE_KEY,
        /** A section written twice in one file: botocore's INI reader refuses the whole file. */
        DUPLICATE_SECTION,
        /** Key names not in lower case. */
        KEY_CASE,
        /** Comment lines, blank lines, sub-property blocks, inline comments on keys no source reads. */
        LAYOUT,
        /** An {@code [sso-session]} or {@code [services]} section. */
        EXTRA_SECTIONS,
        /** A source profile with keys and a role_arn of its own. */
        SOURCE_WITH_KEYS_AND_ROLE,
        /** Web identity in the environment. */
        ENV_WEB_IDENTITY,
        /** Keys in the environment. */
        ENV_KEYS,
        /** A container endpoint in the environment. */
        CONTAINER,
        /** The instance metadata service is reachable. */
        IMDS,
        /** A profile with keys and credential_process. */
        KEYS_AND_PROCESS,
        /** A role ARN that is not the usual {@code arn:aws:iam::<12 digits>:role/NAME}. */
        ODD_ROLE_ARN
    }

    static Set<Feature> none() {
        return EnumSet.noneOf(Feature.class);
    }

    boolean has(Feature f) {
        return features.contains(f);
    }
}
