package io.streamnlp.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One process of the cluster, by name: started here or found again from the status file by its pid.
 * Faults are real signals: {@link #kill()} is {@code kill -9}, {@link #pause()} and {@link #resume()}
 * are {@code SIGSTOP} and {@code SIGCONT}.
 */
public final class ManagedProcess {
    private final String name;
    private final ProcessHandle handle;
    private final Path logFile;

    ManagedProcess(String name, ProcessHandle handle, Path logFile) {
        this.name = name;
        this.handle = handle;
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no goodbye to the peers; returns once the process is gone. */
    public void kill() {
        handle.destroyForcibly();
        await(Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL after {@code grace}; idempotent. */
    public void stop(Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
        if (!await(grace)) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
            await(Duration.ofSeconds(10));
        }
    }

    /** {@code SIGSTOP}: the process stays, its sockets stay open, and it answers nothing. */
    public void pause() {
        signal("STOP");
    }

    /** {@code SIGCONT} after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new ClusterException("kill -" + signal + " " + pid() + " (" + name + ") failed");
            }
        } catch (IOException e) {
            throw new ClusterException("cannot send SIG" + signal + " to " + name + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while signalling " + name, e);
        }
    }

    private boolean await(Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
