package dev.stscreds.saml;

import dev.stscreds.CredentialsException;

/** One value of the assertion's Role attribute: a role and the IAM SAML provider that may assume it. */
public record SamlRole(String roleArn, String providerArn) {

    /** "roleArn,providerArn" in either order, as IdPs write it. */
    static SamlRole parse(String value) {
        String[] parts = value.split(",");
        if (parts.length == 2) {
            String a = parts[0].trim();
            String b = parts[1].trim();
            if (a.contains(":role/") && b.contains(":saml-provider/")) return new SamlRole(a, b);
            if (b.contains(":role/") && a.contains(":saml-provider/")) return new SamlRole(b, a);
        }
        throw new CredentialsException("the SAML assertion's Role attribute holds a value that is not \"role ARN,provider ARN\"",
                "fix the Role attribute mapping of the AWS application at the identity provider");
    }

    @Override
    public String toString() {
        return roleArn + " (via " + providerArn + ")";
    }
}
