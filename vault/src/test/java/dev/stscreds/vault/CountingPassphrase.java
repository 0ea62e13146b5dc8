package dev.stscreds.vault;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A passphrase source for tests: always the same answer, counting the questions asked. */
public final class CountingPassphrase implements PassphraseSource {
    private final String answer;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> purposes = new CopyOnWriteArrayList<>();

    public CountingPassphrase(String answer) {
        this.answer = answer;
    }

    @Override
    public char[] passphrase(String purpose) {
        calls.incrementAndGet();
        purposes.add(purpose);
        return answer.toCharArray();
    }

    public int calls() {
        return calls.get();
    }

    public List<String> purposes() {
        return purposes;
    }
}
