package dev.sift.modelops.console;

/** Reports the progress of a long step. Implementations are thread-safe. */
public interface Progress {

    /** Reports nothing. */
    Progress NONE = (task, total) -> new Task() {
        @Override
        public void step(long n) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Starts a task.
     *
     * @param name what is being done
     * @param total units of work
     * @return the running task; close it when done
     */
    Task start(String name, long total);

    /** A running task. */
    interface Task extends AutoCloseable {
        /**
         * @param n units done since the last call
         */
        void step(long n);

        /** Marks one unit done. */
        default void step() {
            step(1);
        }

        /**
         * Shows a short line of news beside the progress (the latest figures of a long run); ignored by default.
         *
         * @param text the news
         */
        default void message(String text) {
        }

        @Override
        void close();
    }
}
