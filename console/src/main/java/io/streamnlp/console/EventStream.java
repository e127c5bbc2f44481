package io.streamnlp.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Server-Sent-Events response: the feed's updates as {@code event:}/{@code data:} frames, a comment now and
 * then so that proxies keep the connection open. A client that falls {@value #BACKLOG} updates behind is cut off;
 * its {@code EventSource} reconnects and the page reloads what it shows.
 */
final class EventStream implements EventSubscriber {
    private static final int BACKLOG = 2048;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** How long a browser waits before it reconnects a stream that ended. */
    private static final int RETRY_MS = 2000;

    private final BlockingQueue<String> frames = new ArrayBlockingQueue<>(BACKLOG);
    private volatile boolean dropped;

    @Override
    public boolean offer(String event, String json) {
        if (!frames.offer("event: " + event + "\ndata: " + json + "\n\n")) {
            dropped = true;
        }
        return !dropped;
    }

    /** Streams until the client goes, falls behind, or {@code feed}'s console stops the server. */
    void serve(HttpExchange exchange, ConsoleFeed feed) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        feed.subscribe(this);
        try (OutputStream out = exchange.getResponseBody()) {
            write(out, "retry: " + RETRY_MS + "\n\n");
            while (!dropped) {
                String frame = frames.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                write(out, frame == null ? ": keep-alive\n\n" : frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            feed.unsubscribe(this);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
