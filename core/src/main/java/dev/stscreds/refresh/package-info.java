/**
 * Caching and refreshing of expiring credentials: {@link dev.stscreds.refresh.RefreshingCredentialsProvider}
 * wraps any source, {@link dev.stscreds.refresh.RefreshPolicy} says when to refresh.
 */
package dev.stscreds.refresh;
