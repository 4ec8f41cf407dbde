package io.lightningop.spec.worker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Phoenix's binary reply frame (§4.1): byte 0 = kind 1 (reply), bytes 1–4 = the byte lengths of
 * join_ref, ref, topic and status (each ≤ 255), then those four UTF-8 strings, then the raw data.
 * Lightning uses it to answer {@code fetch:dataclip} without re-encoding the JSON body.
 */
public record BinaryReply(String joinRef, String ref, String topic, String status, byte[] data) {

  public static final int KIND_PUSH = 0;
  public static final int KIND_REPLY = 1;
  public static final int KIND_BROADCAST = 2;

  public byte[] encode() {
    byte[][] parts = {
      bytes(joinRef), bytes(ref), topic.getBytes(StandardCharsets.UTF_8), status.getBytes(StandardCharsets.UTF_8)
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream(5 + data.length + 64);
    out.write(KIND_REPLY);
    String[] names = {"join_ref", "ref", "topic", "status"};
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].length > 255) {
        throw new IllegalArgumentException("binary reply " + names[i] + " is longer than 255 bytes");
      }
      out.write(parts[i].length);
    }
    for (byte[] p : parts) out.writeBytes(p);
    out.writeBytes(data);
    return out.toByteArray();
  }

  public static BinaryReply decode(byte[] frame) {
    if (frame.length < 5) throw new IllegalArgumentException("binary frame shorter than its 5-byte header");
    if (frame[0] != KIND_REPLY) {
      throw new IllegalArgumentException("binary frame kind " + frame[0] + " is not a reply (1)");
    }
    int[] lengths = new int[4];
    int offset = 5;
    for (int i = 0; i < 4; i++) {
      lengths[i] = frame[1 + i] & 0xff;
    }
    String[] strings = new String[4];
    for (int i = 0; i < 4; i++) {
      if (offset + lengths[i] > frame.length) {
        throw new IllegalArgumentException("binary frame header lengths exceed the frame size");
      }
      strings[i] = new String(frame, offset, lengths[i], StandardCharsets.UTF_8);
      offset += lengths[i];
    }
    return new BinaryReply(
        strings[0], strings[1], strings[2], strings[3], Arrays.copyOfRange(frame, offset, frame.length));
  }

  private static byte[] bytes(String s) {
    return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
  }
}
