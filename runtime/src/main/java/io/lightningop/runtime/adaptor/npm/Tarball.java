package io.lightningop.runtime.adaptor.npm;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Extracts an npm package tarball (gzip + ustar, with pax and GNU long names) into a directory,
 * dropping the first path component ({@code package/}) as npm does. Only regular files and
 * directories are written; links and entries escaping the target are skipped.
 */
final class Tarball {
  private Tarball() {}

  static int extract(byte[] tgz, Path target) throws IOException {
    int files = 0;
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)))) {
      byte[] header = new byte[512];
      String longName = null;
      while (true) {
        try {
          in.readFully(header);
        } catch (EOFException e) {
          break;
        }
        if (isZero(header)) break;
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        if (!prefix.isEmpty() && text(header, 257, 6).startsWith("ustar")) name = prefix + "/" + name;
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        byte[] body = readBody(in, size);
        if (type == 'x') {
          String path = paxPath(body);
          if (path != null) longName = path;
          continue;
        }
        if (type == 'g') continue;
        if (type == 'L') {
          longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        if (longName != null) {
          name = longName;
          longName = null;
        }
        int slash = name.indexOf('/');
        String relative = slash < 0 ? "" : name.substring(slash + 1);
        if (relative.isEmpty()) continue;
        Path out = target.resolve(relative).normalize();
        if (!out.startsWith(target)) continue;
        if (type == '5') {
          Files.createDirectories(out);
        } else if (type == '0' || type == '\0' || type == '7') {
          Files.createDirectories(out.getParent());
          Files.write(out, body);
          files++;
        }
      }
    }
    return files;
  }

  private static byte[] readBody(DataInputStream in, long size) throws IOException {
    if (size > Integer.MAX_VALUE - 1024) throw new IOException("tar entry too large");
    byte[] body = new byte[(int) size];
    in.readFully(body);
    long pad = (512 - size % 512) % 512;
    skipFully(in, pad);
    return body;
  }

  private static void skipFully(InputStream in, long n) throws IOException {
    while (n > 0) {
      long skipped = in.skip(n);
      if (skipped <= 0) {
        if (in.read() < 0) throw new EOFException("truncated tarball");
        skipped = 1;
      }
      n -= skipped;
    }
  }

  private static String paxPath(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    String result = null;
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      if (space < 0) continue;
      String kv = record.substring(space + 1);
      if (kv.startsWith("path=")) result = kv.substring(5);
    }
    return result;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) if (b != 0) return false;
    return true;
  }

  private static String text(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) end++;
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len) throws IOException {
    if ((b[off] & 0x80) != 0) { // GNU base-256 size
      long v = 0;
      for (int i = off + 1; i < off + len; i++) v = (v << 8) | (b[i] & 0xff);
      return v;
    }
    String s = text(b, off, len).trim();
    try {
      return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new IOException("corrupt tar header (size '" + s + "')");
    }
  }
}
