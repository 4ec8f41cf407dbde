package io.lightningop.spec.worker;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PhoenixFrameTest {

  @Test
  void parsesAndEncodesTheFiveElementArray() {
    String text = "[\"1\",\"2\",\"worker:queue\",\"claim\",{\"demand\":1,\"worker_name\":null}]";
    PhoenixFrame f = PhoenixFrame.parse(text);
    assertEquals("1", f.joinRef());
    assertEquals("2", f.ref());
    assertEquals("worker:queue", f.topic());
    assertEquals("claim", f.event());
    assertEquals(1, f.payload().get("demand").intValue());
    assertEquals(text, f.encode());
  }

  @Test
  void replyKeepsRefsAndWrapsStatusAndResponse() {
    PhoenixFrame req = PhoenixFrame.parse("[null,\"7\",\"phoenix\",\"heartbeat\",{}]");
    String reply = req.ok(PhoenixFrame.object()).encode();
    assertEquals("[null,\"7\",\"phoenix\",\"phx_reply\",{\"status\":\"ok\",\"response\":{}}]", reply);
    PhoenixFrame back = PhoenixFrame.parse(reply);
    assertTrue(back.isReply());
    assertEquals("ok", back.replyStatus());
  }

  @Test
  void rejectsMalformedFramesNamingTheProblem() {
    var e = assertThrows(IllegalArgumentException.class, () -> PhoenixFrame.parse("{\"a\":1}"));
    assertTrue(e.getMessage().contains("5-element array"));
    e = assertThrows(IllegalArgumentException.class, () -> PhoenixFrame.parse("[null,null,3,\"x\",{}]"));
    assertTrue(e.getMessage().contains("topic"));
    e = assertThrows(IllegalArgumentException.class, () -> PhoenixFrame.parse("[nope"));
    assertTrue(e.getMessage().contains("not JSON"));
  }

  @Test
  void binaryReplyRoundTripsWithTheHeaderLayoutOfTheSpec() {
    byte[] data = "{\"data\":{\"x\":1}}".getBytes(StandardCharsets.UTF_8);
    byte[] frame = new BinaryReply("3", "5", "run:R", "ok", data).encode();
    assertEquals(1, frame[0]);
    assertArrayEquals(new byte[] {1, 1, 5, 2}, new byte[] {frame[1], frame[2], frame[3], frame[4]});
    assertEquals("35run:Rok{\"data\":{\"x\":1}}", new String(frame, 5, frame.length - 5, StandardCharsets.UTF_8));
    BinaryReply back = BinaryReply.decode(frame);
    assertEquals("run:R", back.topic());
    assertEquals("ok", back.status());
    assertArrayEquals(data, back.data());
    assertThrows(IllegalArgumentException.class, () -> BinaryReply.decode(new byte[] {0, 0, 0, 0, 0}));
  }

  @Test
  void keysRoundTripThroughTheEnvVarFormIncludingPkcs1() throws Exception {
    KeyPair pair = WorkerKeys.generateRunKeys();
    String privEnv = WorkerKeys.envValue(WorkerKeys.pem(pair.getPrivate()));
    String pubEnv = WorkerKeys.envValue(WorkerKeys.pem(pair.getPublic()));
    assertFalse(privEnv.endsWith("="));
    assertEquals(pair.getPrivate(), WorkerKeys.privateKey(privEnv, "WORKER_RUNS_PRIVATE_KEY"));
    assertEquals(pair.getPublic(), WorkerKeys.publicKey(pubEnv, "WORKER_LIGHTNING_PUBLIC_KEY"));
    assertEquals(pair.getPublic(), WorkerKeys.publicOf(pair.getPrivate()));
    assertEquals(44, WorkerKeys.generateSecret().length());

    var bad = assertThrows(IllegalArgumentException.class, () -> WorkerKeys.privateKey(pubEnv, "WORKER_RUNS_PRIVATE_KEY"));
    assertTrue(bad.getMessage().startsWith("WORKER_RUNS_PRIVATE_KEY"));
  }

  @Test
  void readsAPkcs1PrivateKeyAsOpensslGenrsaWroteIt() throws Exception {
    // A PKCS#1 RSAPrivateKey is the inner OCTET STRING of PKCS#8; cut it out to build one.
    KeyPair pair = WorkerKeys.generateRunKeys();
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    int i = 0;
    while (!(pkcs8[i] == 0x04 && (pkcs8[i + 1] & 0xff) == 0x82)) i++;
    int len = ((pkcs8[i + 2] & 0xff) << 8) | (pkcs8[i + 3] & 0xff);
    byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, i + 4, i + 4 + len);
    String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1)
        + "\n-----END RSA PRIVATE KEY-----\n";
    assertEquals(pair.getPrivate(), WorkerKeys.privateKey(WorkerKeys.envValue(pem), "K"));
  }

  @Test
  void wireTimestampsAcceptMicrosAndMillis() {
    var json = PhoenixFrame.json();
    assertEquals(1716033190123L, WireTime.parse(json.getNodeFactory().textNode("1716033190123456")).toEpochMilli());
    assertEquals(1716033190123L, WireTime.parse(json.getNodeFactory().textNode("1716033190123")).toEpochMilli());
    assertEquals(1716033190123L, WireTime.parse(json.getNodeFactory().numberNode(1716033190123L)).toEpochMilli());
    assertThrows(IllegalArgumentException.class, () -> WireTime.parse(json.getNodeFactory().textNode("yesterday")));
    assertEquals(16, WireTime.nowMicros().length());
  }
}
