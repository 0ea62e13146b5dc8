package dev.stscreds.resolve;

import dev.stscreds.config.Profile;
import dev.stscreds.config.Property;
import java.util.List;
import java.util.Optional;

/**
 * What a profile resolves to (SPEC §3), worked out from the profile files alone: no network, no
 * child process. A role's plan holds the plan of its source, so a chain of profiles is a list of
 * plans ending in one that needs no other profile.
 */
public sealed interface ProfilePlan
        permits ProfilePlan.StaticKeys, ProfilePlan.VaultKeys, ProfilePlan.Process, ProfilePlan.AssumeRole,
                ProfilePlan.WebIdentity, ProfilePlan.Sso, ProfilePlan.RolesAnywhere, ProfilePlan.Saml, ProfilePlan.Login {

    Profile profile();

    /** A few words on how this profile gets credentials, e.g. {@code credential_process}. */
    String summary();

    /** The profile keys this plan uses, each with its file:line. */
    List<Property> keysUsed();

    /** The plan of the profile this one takes its credentials from, if any. */
    default Optional<ProfilePlan> source() {
        return Optional.empty();
    }

    /** Long-term keys, or session keys when {@code aws_session_token} is set. */
    record StaticKeys(Profile profile, Property accessKeyId, Property secretAccessKey, Optional<Property> sessionToken)
            implements ProfilePlan {
        @Override
        public String summary() {
            return sessionToken.isPresent() ? "session keys in the profile" : "long-term keys in the profile";
        }

        @Override
        public List<Property> keysUsed() {
            return sessionToken.map(t -> List.of(accessKeyId, secretAccessKey, t))
                    .orElseGet(() -> List.of(accessKeyId, secretAccessKey));
        }
    }

    /**
     * Long-term keys in the vault: the profile's {@code credential_process} asks stscreds for this
     * very profile (what {@code stscreds import} writes), so stscreds answers it from the vault
     * instead of running itself again.
     */
    record VaultKeys(Profile profile, Property command) implements ProfilePlan {
        @Override
        public String summary() {
            return "long-term keys in the stscreds vault";
        }

        @Override
        public List<Property> keysUsed() {
            return List.of(command);
        }
    }

    /** {@code credential_process}: a command whose output is the credentials (SPEC §4). */
    record Process(Profile profile, Property command) implements ProfilePlan {
        @Override
        public String summary() {
            return "credential_process";
        }

        @Override
        public List<Property> keysUsed() {
            return List.of(command);
        }
    }

    /**
     * {@code role_arn} with {@code source_profile} (then {@code sourcePlan} is set) or with
     * {@code credential_source} (then {@code credentialSource} is set).
     */
    record AssumeRole(Profile profile, Property roleArn, Optional<ProfilePlan> sourcePlan,
                      Optional<CredentialSource> credentialSource, List<Property> options)
            implements ProfilePlan {
        @Override
        public String summary() {
            return sourcePlan.map(p -> "assume role " + roleArn.value() + " with the credentials of profile " + p.profile().name())
                    .orElseGet(() -> "assume role " + roleArn.value() + " with credentials from "
                            + credentialSource.map(CredentialSource::profileValue).orElse("?"));
        }

        @Override
        public List<Property> keysUsed() {
            List<Property> keys = new java.util.ArrayList<>();
            keys.add(roleArn);
            profile.property("source_profile").ifPresent(keys::add);
            profile.property("credential_source").ifPresent(keys::add);
            keys.addAll(options);
            return List.copyOf(keys);
        }

        @Override
        public Optional<ProfilePlan> source() {
            return sourcePlan;
        }
    }

    /** {@code role_arn} with {@code web_identity_token_file}: AssumeRoleWithWebIdentity. */
    record WebIdentity(Profile profile, Property roleArn, Property tokenFile, Optional<Property> sessionName)
            implements ProfilePlan {
        @Override
        public String summary() {
            return "assume role " + roleArn.value() + " with the web identity token in " + tokenFile.value();
        }

        @Override
        public List<Property> keysUsed() {
            return sessionName.map(n -> List.of(roleArn, tokenFile, n)).orElseGet(() -> List.of(roleArn, tokenFile));
        }
    }

    /** IAM Identity Center: {@code sso_session} or the legacy {@code sso_*} keys. */
    record Sso(Profile profile, String startUrl, String region, String accountId, String roleName,
               Optional<String> sessionName, List<Property> keys) implements ProfilePlan {
        @Override
        public String summary() {
            return "IAM Identity Center role " + roleName + " in account " + accountId + " (" + startUrl + ")";
        }

        @Override
        public List<Property> keysUsed() {
            return keys;
        }
    }

    /**
     * IAM Roles Anywhere: an X.509 certificate and its key trade for a session of {@code role_arn}
     * (the {@code roles_anywhere_*} keys, see {@link RolesAnywherePlans}).
     */
    record RolesAnywhere(Profile profile, Property roleArn, Property trustAnchorArn, Property profileArn, List<Property> keys)
            implements ProfilePlan {
        @Override
        public String summary() {
            return "IAM Roles Anywhere role " + roleArn.value() + " with the certificate of trust anchor " + trustAnchorArn.value();
        }

        @Override
        public List<Property> keysUsed() {
            return keys;
        }
    }

    /**
     * A SAML identity provider: a signed assertion from {@code saml_idp_url} trades for a session of
     * {@code role_arn} (or the role the assertion offers) with AssumeRoleWithSAML (see {@link SamlPlans}).
     */
    record Saml(Profile profile, Property idpUrl, Optional<Property> roleArn, Optional<Property> providerArn, List<Property> keys)
            implements ProfilePlan {
        @Override
        public String summary() {
            return roleArn.map(r -> "SAML federated role " + r.value()).orElse("SAML federated role chosen from the assertion")
                    + " through " + idpUrl.value();
        }

        @Override
        public List<Property> keysUsed() {
            return keys;
        }
    }

    /**
     * {@code login_session}: a session of the AWS sign-in service ({@code aws login}, {@code stscreds login}),
     * cached in {@code ~/.aws/login/cache} and renewed with its refresh token.
     */
    record Login(Profile profile, Property loginSession, Optional<Property> region) implements ProfilePlan {
        @Override
        public String summary() {
            return "sign-in session " + loginSession.value().trim();
        }

        @Override
        public List<Property> keysUsed() {
            return region.map(r -> List.of(loginSession, r)).orElseGet(() -> List.of(loginSession));
        }
    }
}
