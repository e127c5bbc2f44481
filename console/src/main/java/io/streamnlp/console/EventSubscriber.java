package io.streamnlp.console;

/** One open event stream: it receives every update the console's feed publishes. */
interface EventSubscriber {

    /**
     * @param event the update's kind, the SSE event name: {@code enriched}, {@code stats}, ...
     * @param json the updated item, as the page's GET endpoint gives it
     * @return false when the subscriber is gone (or too slow) and should be dropped
     */
    boolean offer(String event, String json);
}
