package dev.stscreds.wire.sts;

/** GetCallerIdentity's answer: who the credentials belong to. */
public record CallerIdentity(String userId, String account, String arn) {}
