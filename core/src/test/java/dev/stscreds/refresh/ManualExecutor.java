package dev.stscreds.refresh;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** Queues tasks until the test runs them, so "it happened in the background" is deterministic. */
final class ManualExecutor implements Executor {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
        queue.add(task);
    }

    int pending() {
        return queue.size();
    }

    /** Runs the queued tasks (and any they queue) on the calling thread; returns how many ran. */
    int runAll() {
        int ran = 0;
        for (Runnable task; (task = queue.poll()) != null; ran++) {
            task.run();
        }
        return ran;
    }
}
