package dev.stscreds.sso;

import java.util.List;

/** An account the token reaches, with the roles the user may take in it. */
public record SsoAccount(String accountId, String accountName, String emailAddress, List<String> roleNames) {}
