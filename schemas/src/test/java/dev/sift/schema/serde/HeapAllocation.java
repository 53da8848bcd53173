package dev.sift.schema.serde;

import java.lang.management.ManagementFactory;

/** How many bytes of heap the current thread allocates while it runs something (HotSpot's per-thread counter). */
final class HeapAllocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private HeapAllocation() {
    }

    /**
     * @param action what to measure, run on this thread
     * @return bytes allocated while it ran
     */
    static long during(Runnable action) {
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        action.run();
        return THREADS.getThreadAllocatedBytes(id) - before;
    }
}
