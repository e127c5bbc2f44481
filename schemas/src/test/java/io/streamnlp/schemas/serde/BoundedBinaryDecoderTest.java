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
}
