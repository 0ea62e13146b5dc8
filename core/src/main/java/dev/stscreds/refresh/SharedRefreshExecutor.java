package dev.stscreds.refresh;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one pool that runs background refreshes for every {@link RefreshingCredentialsProvider}
 * of the library that was not given its own executor.
 *
 * <p>Created on first use; at most {@value #MAX_THREADS} daemon threads named
 * {@code stscreds-refresh-N}, which end after {@value #IDLE_SECONDS} s without work, so an idle
 * application holds none and providers that are dropped without closing leak nothing. Each
 * provider has at most one refresh queued at a time, so the queue stays as small as the number
 * of providers.
 */
final class SharedRefreshExecutor {
    static final int MAX_THREADS = 4;
    static final int IDLE_SECONDS = 30;

    private SharedRefreshExecutor() {}

    static Executor get() {
        return Holder.POOL;
    }

    private static final class Holder {
        static final ThreadPoolExecutor POOL = create();

        private static ThreadPoolExecutor create() {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(
                    MAX_THREADS, MAX_THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), new DaemonThreads());
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "stscreds-refresh-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
