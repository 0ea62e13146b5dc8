package dev.stscreds.serve;

import java.io.IOException;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The open connections of the server, at most {@code capacity}. A connection is either waiting for
 * (or still reading) a request, or being answered. When a new one arrives and every slot is taken,
 * the connection that has waited longest without sending a whole request is closed to make room:
 * whoever holds connections open without asking for anything loses them first, and a client that
 * connects and asks at once is served. Only when every connection is being answered is the new one
 * turned away.
 */
final class ConnectionSlots {
    /** One connection's slot, moved between waiting and answering by its own thread only. */
    final class Slot {
        private final Socket socket;

        private Slot(Socket socket) {
            this.socket = socket;
        }

        /** A whole request arrived: from now until {@link #waiting()} this connection is not closed to make room. */
        void answering() {
            synchronized (ConnectionSlots.this) {
                // Re-inserting moves it to the end: the eldest entries are the longest-waiting ones.
                waiting.remove(socket);
            }
        }

        /** The answer went out and the connection waits for the next request. */
        void waiting() {
            synchronized (ConnectionSlots.this) {
                if (all.containsKey(socket)) waiting.put(socket, this);
            }
        }

        void release() {
            synchronized (ConnectionSlots.this) {
                if (all.remove(socket) != null) waiting.remove(socket);
            }
        }
    }

    private final int capacity;
    private final Map<Socket, Slot> all = new LinkedHashMap<>();
    /** Connections not being answered, longest waiting first. */
    private final LinkedHashMap<Socket, Slot> waiting = new LinkedHashMap<>();

    ConnectionSlots(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("at least one connection, not " + capacity);
        this.capacity = capacity;
    }

    /** What {@link #admit} did. */
    record Admission(Optional<Slot> slot, Optional<Socket> closedToMakeRoom) {}

    /**
     * A slot for {@code socket}, closing the longest-waiting connection when all are taken; an empty
     * slot when every connection is being answered (then the caller refuses the new one).
     */
    Admission admit(Socket socket) {
        Socket evicted = null;
        Slot slot = null;
        synchronized (this) {
            if (all.size() >= capacity && !waiting.isEmpty()) {
                evicted = waiting.keySet().iterator().next();
                all.remove(evicted);
                waiting.remove(evicted);
            }
            if (all.size() < capacity) {
                slot = new Slot(socket);
                all.put(socket, slot);
                waiting.put(socket, slot);
            }
        }
        if (evicted != null) {
            try {
                evicted.close(); // its thread's blocked read fails and the thread ends
            } catch (IOException e) {
                // closing cannot fail in a way that matters here
            }
        }
        return new Admission(Optional.ofNullable(slot), Optional.ofNullable(evicted));
    }

    /** Closes every open connection (the server stops). */
    void closeAll() {
        Socket[] open;
        synchronized (this) {
            open = all.keySet().toArray(new Socket[0]);
            all.clear();
            waiting.clear();
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing cannot fail in a way that matters here
            }
        }
    }

    synchronized int open() {
        return all.size();
    }

    int capacity() {
        return capacity;
    }
}
