package dev.stratus.local.dynamodb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The faults injected into an engine's requests. Faults are checked in the order injected; the
 * first that fires decides what happens to a request. Thread-safe.
 */
public final class Faults {
    private final List<Injected> active = new CopyOnWriteArrayList<>();

    /** Starts injecting {@code fault}; the handle tells how often it fired. */
    public Injected inject(Fault fault) {
        Injected injected = new Injected(this, fault);
        active.add(injected);
        return injected;
    }

    /** Stops every fault. */
    public void clear() {
        active.clear();
    }

    /** How many requests were failed or delayed by the faults currently injected. */
    public long fired() {
        long total = 0;
        for (Injected injected : active) {
            total += injected.fired();
        }
        return total;
    }

    /**
     * The fault that fires for this request, or null. Each call counts as one matching request for
     * every fault whose operation and tables match. For the engine; tests do not call it.
     */
    public Fault decide(String operation, Collection<String> tables) {
        if (active.isEmpty()) {
            return null;
        }
        for (Injected injected : active) {
            if (injected.fires(operation, tables)) {
                return injected.fault;
            }
        }
        return null;
    }

    /** One injected fault and its counters. */
    public static final class Injected {
        private final Faults owner;
        private final Fault fault;
        private final Random random;
        private long seen;
        private long fired;

        private Injected(Faults owner, Fault fault) {
            this.owner = owner;
            this.fault = fault;
            this.random = new Random(fault.seed());
        }

        /** The fault this handle controls. */
        public Fault fault() {
            return fault;
        }

        /** How many requests it failed or delayed so far. */
        public synchronized long fired() {
            return fired;
        }

        /** Stops this fault; the others stay. */
        public void remove() {
            owner.active.remove(this);
        }

        private synchronized boolean fires(String operation, Collection<String> tables) {
            if (!fault.operations().isEmpty() && !fault.operations().contains(operation)) {
                return false;
            }
            if (!fault.tables().isEmpty()) {
                List<String> touched = new ArrayList<>(tables);
                touched.retainAll(fault.tables());
                if (touched.isEmpty()) {
                    return false;
                }
            }
            seen++;
            if (seen <= fault.skip() || fired >= fault.maxTimes()) {
                return false;
            }
            if (fault.probability() < 1 && random.nextDouble() >= fault.probability()) {
                return false;
            }
            fired++;
            return true;
        }
    }
}
