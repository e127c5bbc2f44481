package io.streamnlp.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder over one in-memory payload that refuses lengths and item counts larger than the payload itself.
 *
 * <p>Avro's own decoder allocates a string, bytes, array or map of the length the data announces before reading it,
 * so five corrupt bytes announcing a 512 MB string exhaust the heap of the process reading a Kafka topic. Here such
 * a length is reported as an {@link EOFException} (the payload cannot hold it), i.e. a truncated payload.
 *
 * <p>Strings must be valid UTF-8: Avro's decoder silently turns malformed bytes into U+FFFD, which would enrich a
 * different text than the producer sent. Here they are reported as a {@link MalformedTextException}.
 */
final class BoundedBinaryDecoder extends Decoder {
    private final BinaryDecoder in;
    private final long limit;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    BoundedBinaryDecoder(byte[] data, int offset, int length) {
        this.in = DecoderFactory.get().binaryDecoder(data, offset, length, null);
        this.limit = length;
    }

    boolean isEnd() throws IOException {
        return in.isEnd();
    }

    private int checkLength(long n, String what) throws IOException {
        if (n < 0) throw new IOException("Malformed data: negative " + what + " " + n);
        if (n > limit) throw new EOFException(what + " " + n + " exceeds the " + limit + "-byte payload");
        return (int) n;
    }

    private long checkCount(long n, String what) throws IOException {
        // a negative block count is followed by the block's byte size; items take at least one byte each except for
        // zero-size types (null, empty records), which StreamNLP schemas do not put in arrays or maps
        if (Math.abs(n) > limit)
            throw new EOFException(what + " of " + n + " items exceeds the " + limit + "-byte payload");
        return n;
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int len = checkLength(in.readLong(), "string length");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(len);
        if (len > 0) in.readFixed(result.getBytes(), 0, len);
        decodeStrictly(result.getBytes(), len);
        return result;
    }

    @Override
    public String readString() throws IOException {
        int len = checkLength(in.readLong(), "string length");
        if (len == 0) return "";
        byte[] b = new byte[len];
        in.readFixed(b, 0, len);
        return decodeStrictly(b, len);
    }

    private String decodeStrictly(byte[] bytes, int len) throws MalformedTextException {
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, 0, len)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedTextException("a string of " + len + " bytes is not valid UTF-8 (" + e + ")", e);
        }
    }

    /** A string field holds bytes that are not valid UTF-8. */
    static final class MalformedTextException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedTextException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(checkLength(in.readLong(), "string length"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int len = checkLength(in.readLong(), "bytes length");
        ByteBuffer result = old != null && old.hasArray() && old.capacity() >= len ? old : ByteBuffer.allocate(len);
        result.clear();
        in.readFixed(result.array(), result.arrayOffset(), len);
        result.limit(len);
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(checkLength(in.readLong(), "bytes length"));
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return checkCount(in.readArrayStart(), "array block");
    }

    @Override
    public long arrayNext() throws IOException {
        return checkCount(in.arrayNext(), "array block");
    }

    @Override
    public long skipArray() throws IOException {
        return checkCount(in.skipArray(), "array block");
    }

    @Override
    public long readMapStart() throws IOException {
        return checkCount(in.readMapStart(), "map block");
    }

    @Override
    public long mapNext() throws IOException {
        return checkCount(in.mapNext(), "map block");
    }

    @Override
    public long skipMap() throws IOException {
        return checkCount(in.skipMap(), "map block");
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
