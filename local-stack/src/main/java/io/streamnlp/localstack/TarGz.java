package io.streamnlp.localstack;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/** Minimal, dependency-free .tar.gz extractor (ustar, GNU long names, PAX path records). */
final class TarGz {
  private TarGz() {}

  static void extract(Path archive, Path targetDir) throws IOException {
    Files.createDirectories(targetDir);
    Path root = targetDir.toAbsolutePath().normalize();
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
      byte[] header = new byte[512];
      String pendingName = null;
      while (true) {
        if (!readFully(in, header)) return;
        if (isZero(header)) return;
        String name = string(header, 0, 100);
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        String prefix = string(header, 345, 155);
        if (!prefix.isEmpty() && "ustar".equals(string(header, 257, 5))) name = prefix + "/" + name;
        if (type == 'L' || type == 'x') {
          byte[] data = readBytes(in, size);
          skipPadding(in, size);
          if (type == 'L') {
            pendingName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
          } else {
            String path = paxPath(data);
            if (path != null) pendingName = path;
          }
          continue;
        }
        if (pendingName != null) {
          name = pendingName;
          pendingName = null;
        }
        Path out = root.resolve(name).normalize();
        if (!out.startsWith(root)) throw new IOException("tar entry escapes the target directory: " + name);
        if (type == '5') {
          Files.createDirectories(out);
          skip(in, size);
        } else if (type == '0' || type == '\0' || type == '7') {
          Files.createDirectories(out.getParent());
          try (OutputStream os = Files.newOutputStream(out)) {
            copy(in, os, size);
          }
        } else {
          skip(in, size); // links, devices, global headers: not needed
        }
        skipPadding(in, size);
      }
    }
  }

  private static String paxPath(byte[] data) {
    String s = new String(data, StandardCharsets.UTF_8);
    for (String line : s.split("\n")) {
      int sp = line.indexOf(' ');
      if (sp < 0) continue;
      String kv = line.substring(sp + 1);
      if (kv.startsWith("path=")) return kv.substring(5);
    }
    return null;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) if (x != 0) return false;
    return true;
  }

  private static String string(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) end++;
    return new String(b, off, end - off, StandardCharsets.UTF_8).trim();
  }

  private static long octal(byte[] b, int off, int len) {
    if ((b[off] & 0x80) != 0) { // GNU base-256
      long v = 0;
      for (int i = off + 1; i < off + len; i++) v = (v << 8) | (b[i] & 0xff);
      return v;
    }
    String s = string(b, off, len);
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }

  private static boolean readFully(InputStream in, byte[] buf) throws IOException {
    int n = 0;
    while (n < buf.length) {
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        if (n == 0) return false;
        throw new EOFException("truncated tar header");
      }
      n += r;
    }
    return true;
  }

  private static byte[] readBytes(InputStream in, long size) throws IOException {
    byte[] data = new byte[Math.toIntExact(size)];
    if (size > 0 && !readFully(in, data)) throw new EOFException("truncated tar entry");
    return data;
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) throw new EOFException("truncated tar entry");
      out.write(buf, 0, r);
      left -= r;
    }
  }

  private static void skip(InputStream in, long n) throws IOException {
    copy(in, OutputStream.nullOutputStream(), n);
  }

  private static void skipPadding(InputStream in, long size) throws IOException {
    long pad = (512 - (size % 512)) % 512;
    skip(in, pad);
  }

  /** Copies {@code source} to {@code target} through a temp file and an atomic rename. */
  static void atomicCopy(InputStream source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
    try {
      Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
