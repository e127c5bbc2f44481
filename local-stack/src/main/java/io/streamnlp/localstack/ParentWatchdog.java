package io.streamnlp.localstack;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of a child JVM that must not outlive the JVM that started it: a daemon thread polls the parent
 * process and halts this JVM when the parent is gone (even when the parent was killed with SIGKILL and its
 * shutdown hooks never ran); the real main class runs in the same JVM.
 *
 * <p>Usage: {@code java -cp <dir-with-this-class>:<app.jar> io.streamnlp.localstack.ParentWatchdog <parent-pid> <main-class> [args...]}.
 * This class has no dependencies so that it can be copied next to any application.
 */
public final class ParentWatchdog {
    private ParentWatchdog() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ParentWatchdog <parent-pid> <main-class> [args...]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("parent process " + parentPid + " is gone; not starting");
            System.exit(3);
        }
        Thread watchdog = new Thread(
                () -> {
                    ProcessHandle p = parent.get();
                    while (true) {
                        if (!p.isAlive()) {
                            System.err.println("parent process " + parentPid + " is gone; stopping");
                            Runtime.getRuntime().halt(0);
                        }
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Class<?> main = Class.forName(args[1], true, ClassLoader.getSystemClassLoader());
        Method m = main.getMethod("main", String[].class);
        try {
            m.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
