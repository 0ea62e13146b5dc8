package dev.stscreds.refresh;

/**
 * Hears of every failed fetch of a {@link RefreshingCredentialsProvider}, in the background or not
 * (a failed background refresh is otherwise silent: callers keep the cached credentials). Called on
 * the thread that made the fetch, outside any lock; it must not block.
 */
@FunctionalInterface
public interface RefreshListener {
    RefreshListener NONE = failure -> { };

    void refreshFailed(RefreshFailure failure);
}
