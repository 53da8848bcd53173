package dev.sift.classifier;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Guards a native resource: any number of concurrent uses, and a close that waits for the running ones, happens
 * exactly once, and makes later uses fail cleanly instead of touching freed native memory (which crashes the JVM).
 */
public final class ResourceGuard {

    private final String name;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * @param name what is guarded, for error messages
     */
    public ResourceGuard(String name) {
        this.name = name;
    }

    /**
     * Runs a use of the resource.
     *
     * @param use the use
     * @param <T> its result type
     * @return its result
     * @throws IllegalStateException when the resource is closed
     */
    public <T> T use(Supplier<T> use) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
            return use.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Closes the resource once, after the uses in progress.
     *
     * @param release frees the native resource
     */
    public void close(Runnable release) {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                release.run();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
