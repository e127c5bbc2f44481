package io.streamnlp.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.schemas.Samples;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DriftReport;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.TextEvent;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Corrupt length prefixes must not allocate more than the payload holds (no registry needed). */
class BoundedBinaryDecoderTest {
    private static <T extends SpecificRecord> byte[] encode(T rec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[5]);
        var enc = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<T>(rec.getSchema(), SpecificData.getForClass(rec.getClass())).write(rec, enc);
        enc.flush();
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T decode(Class<T> type, byte[] data) throws IOException {
        SpecificData d = SpecificData.getForClass(type);
        var reader = new SpecificDatumReader<T>(d.getSchema(type), d.getSchema(type), d);
        BoundedBinaryDecoder dec = new BoundedBinaryDecoder(data, 5, data.length - 5);
        T t = reader.read(null, dec);
        assertTrue(dec.isEnd());
        return t;
    }

    @Test
    void decodesValidRecordsLikeAvro() throws IOException {
        assertEquals(Samples.textEvent("x"), decode(TextEvent.class, encode(Samples.textEvent("x"))));
        assertEquals(Samples.enriched(), decode(EnrichedEvent.class, encode(Samples.enriched())));
        assertEquals(Samples.deadLetter(), decode(DeadLetter.class, encode(Samples.deadLetter())));
        assertEquals(Samples.driftReport(), decode(DriftReport.class, encode(Samples.driftReport())));
    }

    @Test
    void hugeStringLengthIsRefusedBeforeAllocating() {
        // zigzag varint 2^30 -> a 512 MiB string: plain Avro allocates it and runs out of heap
        byte[] data = {0, 0, 0, 0, 1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04};
        EOFException e = assertThrows(EOFException.class, () -> decode(TextEvent.class, data));
        assertTrue(e.getMessage().contains("string length"), e.getMessage());
    }

    @Test
    void hugeBytesLengthAndItemCountsAreRefused() {
        // DeadLetter starts with a ["null","bytes"] union: index 1, then a 512 MiB length
        byte[] bytes = {0, 0, 0, 0, 1, 0x02, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04};
        assertThrows(EOFException.class, () -> decode(DeadLetter.class, bytes));
        // a map and an array announcing 2^29 entries in 5 bytes
        var dec = new BoundedBinaryDecoder(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04}, 0, 5);
        assertThrows(EOFException.class, dec::readMapStart);
        var arr = new BoundedBinaryDecoder(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04}, 0, 5);
        assertThrows(EOFException.class, arr::readArrayStart);
    }

    /** {@code data} with the first occurrence of {@code marker} replaced by bytes of the same length. */
    static byte[] replace(byte[] data, String marker, byte[] replacement) {
        byte[] m = marker.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(m.length, replacement.length);
        outer:
        for (int i = 0; i + m.length <= data.length; i++) {
            for (int j = 0; j < m.length; j++) if (data[i + j] != m[j]) continue outer;
            byte[] out = data.clone();
            System.arraycopy(replacement, 0, out, i, m.length);
            return out;
        }
        throw new AssertionError("marker " + marker + " not found");
    }

    @Test
    void invalidUtf8InAnyStringIsRefusedNotReplaced() throws IOException {
        TextEvent event = TextEvent.newBuilder(Samples.textEvent("x"))
                .setText("text XYZ")
                .setAttributes(java.util.Map.of("channel", "web QRS"))
                .build();
        byte[] valid = encode(event);
        byte[][] malformed = {
            {(byte) 0xC3, 0x28, 0x41}, // a lead byte followed by ASCII
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded UTF-16 surrogate
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // an overlong '/'
            {0x41, (byte) 0xFF, 0x41}
        }; // never valid in UTF-8
        for (byte[] bad : malformed) {
            for (String marker : new String[] {"XYZ", "QRS"}) {
                byte[] data = replace(valid, marker, bad);
                assertThrows(
                        BoundedBinaryDecoder.MalformedTextException.class, () -> decode(TextEvent.class, data), marker);
            }
        }
    }

    @Test
    void oddButValidUnicodeDecodesUnchanged() throws IOException {
        String odd = "e\u0301 \u202Eevil\u202C \u200D\uD83D\uDC69\u200D\uD83D\uDCBB\u200D \u4E2D\u6587 \uD83D\uDE00 "
                + "x".repeat(5000);
        TextEvent event =
                TextEvent.newBuilder(Samples.textEvent("x")).setText(odd).build();
        assertEquals(odd, decode(TextEvent.class, encode(event)).getText());
    }
}
