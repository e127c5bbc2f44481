package io.streamnlp.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.schemas.avro.DeadLetterReason;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {
    @Test
    void headerIsMagicByteThenBigEndianId() {
        assertArrayEquals(new byte[] {0, 0, 0, 0, 1}, ConfluentWireFormat.header(1));
        assertArrayEquals(new byte[] {0, 0x12, 0x34, 0x56, 0x78}, ConfluentWireFormat.header(0x12345678));
        assertArrayEquals(
                new byte[] {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, ConfluentWireFormat.header(-1));
    }

    @Test
    void frameAndParseRoundTrip() {
        for (int id : new int[] {0, 1, 255, 256, 65_536, 0x7fffffff, 0x80000000, -2}) {
            byte[] framed = ConfluentWireFormat.frame(id, new byte[] {9, 8, 7});
            assertEquals(8, framed.length);
            assertEquals(id, ConfluentWireFormat.schemaId(framed));
            assertArrayEquals(new byte[] {9, 8, 7}, ConfluentWireFormat.body(framed));
            assertTrue(ConfluentWireFormat.hasHeader(framed));
        }
    }

    @Test
    void headerOnlyIsValidWithEmptyBody() {
        assertEquals(7, ConfluentWireFormat.schemaId(ConfluentWireFormat.header(7)));
        assertEquals(0, ConfluentWireFormat.body(ConfluentWireFormat.header(7)).length);
    }

    @Test
    void nullAndEmptyAreMissingValue() {
        assertEquals(
                DeadLetterReason.MISSING_VALUE,
                assertThrows(WireFormatException.class, () -> ConfluentWireFormat.schemaId("t", null))
                        .reason());
        WireFormatException e =
                assertThrows(WireFormatException.class, () -> ConfluentWireFormat.schemaId("t", new byte[0]));
        assertEquals(DeadLetterReason.MISSING_VALUE, e.reason());
        assertEquals("t", e.topic());
        assertEquals(-1, e.schemaId());
    }

    @Test
    void wrongMagicByte() {
        WireFormatException e = assertThrows(
                WireFormatException.class,
                () -> ConfluentWireFormat.schemaId("text-events", "{\"json\":true}".getBytes()));
        assertEquals(DeadLetterReason.BAD_MAGIC_BYTE, e.reason());
        assertTrue(e.getMessage().contains("0x7b"), e.getMessage());
        assertTrue(e.getMessage().contains("text-events"), e.getMessage());
        // wrong magic wins over short length: one byte that is not 0 is not our format at all
        assertEquals(
                DeadLetterReason.BAD_MAGIC_BYTE,
                assertThrows(WireFormatException.class, () -> ConfluentWireFormat.schemaId(new byte[] {1}))
                        .reason());
        assertFalse(ConfluentWireFormat.hasHeader(new byte[] {1, 0, 0, 0, 1}));
    }

    @Test
    void shortHeaderIsTruncated() {
        for (int n = 1; n < 5; n++) {
            byte[] data = new byte[n];
            WireFormatException e =
                    assertThrows(WireFormatException.class, () -> ConfluentWireFormat.schemaId("t", data));
            assertEquals(DeadLetterReason.TRUNCATED_PAYLOAD, e.reason(), "length " + n);
            assertFalse(ConfluentWireFormat.hasHeader(data));
        }
    }
}
