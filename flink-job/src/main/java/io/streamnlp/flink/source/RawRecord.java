package io.streamnlp.flink.source;

/**
 * A Kafka record exactly as read, before decoding: keeping the original bytes and coordinates is
 * what lets a record that fails to decode reach the dead-letter topic unchanged.
 * A Flink POJO (public fields, no-arg constructor) so it needs no Kryo.
 */
public class RawRecord {
    public byte[] key;
    public byte[] value;
    public String topic;
    public int partition;
    public long offset;
    /** The Kafka record timestamp. */
    public long timestamp;
    /** Wall-clock time the job read the record; the start of processing latency. */
    public long readAtMillis;

    public RawRecord() {}

    public RawRecord(
            byte[] key, byte[] value, String topic, int partition, long offset, long timestamp, long readAtMillis) {
        this.key = key;
        this.value = value;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.readAtMillis = readAtMillis;
    }
}
