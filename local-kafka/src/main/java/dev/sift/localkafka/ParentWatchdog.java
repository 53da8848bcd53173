package dev.sift.localkafka;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of every child JVM: watches the parent process and ends this JVM when the parent is gone (even when
 * the parent was killed with {@code kill -9}), then runs the real main class.
 *
 * <p>Usage: {@code ParentWatchdog <parent-pid> <main-class> [args...]}. Without it a crashed test run or demo would
 * leave brokers and app instances running.
 */
public final class ParentWatchdog {

    private static final long GRACE_SECONDS = 10;

    private ParentWatchdog() {
    }

    /**
     * Starts watching, then delegates.
     *
     * @param args parent pid, main class, then the main class's arguments
     * @throws Exception whatever the delegated main throws
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ParentWatchdog <parent-pid> <main-class> [args...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(ParentWatchdog::exitBecauseParentIsGone),
                ParentWatchdog::exitBecauseParentIsGone);
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }

    /** Exits normally (shutdown hooks run), and halts if that takes longer than the grace period. */
    private static void exitBecauseParentIsGone() {
        Thread halter = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(GRACE_SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(3);
    }
}
