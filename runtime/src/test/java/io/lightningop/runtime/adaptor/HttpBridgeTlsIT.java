package io.lightningop.runtime.adaptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge against an HTTPS loopback server with a self-signed certificate (made with keytool). */
class HttpBridgeTlsIT {
  @TempDir
  static Path dir;
  private static HttpsServer server;
  private static String caPem;
  private static final HttpBridge BRIDGE = new HttpBridge();

  @BeforeAll
  static void start() throws Exception {
    Path keystore = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "secret", "-keypass", "secret");
    Path pem = dir.resolve("server.pem");
    run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "secret",
        "-file", pem.toString());
    caPem = Files.readString(pem);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keystore.toFile())) {
      ks.load(in, "secret".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "secret".toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.createContext("/", ex -> {
      byte[] body = "{\"secure\":true}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("content-type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + ": " + out);
  }

  private static HttpBridge.Response get(String host, HttpBridge.TlsOptions tls) throws Exception {
    String url = "https://" + host + ":" + server.getAddress().getPort() + "/x";
    return BRIDGE.send(new HttpBridge.Request(url, "GET", List.of(), null, 10_000, 0, true, tls)).get();
  }

  @Test
  void untrustedCertificatesAreRejectedByDefault() {
    ExecutionException e = assertThrows(ExecutionException.class, () -> get("localhost", HttpBridge.TlsOptions.DEFAULT));
    assertTrue(e.getCause() instanceof HttpBridge.HttpFailure f && f.code().equals("ERR_TLS"), String.valueOf(e.getCause()));
  }

  @Test
  void aGivenCaIsTrusted() throws Exception {
    HttpBridge.Response r = get("localhost", new HttpBridge.TlsOptions(true, caPem, null, null));
    assertEquals(200, r.statusCode());
    assertEquals("{\"secure\":true}", new String(r.body(), StandardCharsets.UTF_8));
    // ...but the host name must still match the certificate
    assertThrows(ExecutionException.class, () -> get("127.0.0.1", new HttpBridge.TlsOptions(true, caPem, null, null)));
  }

  @Test
  void rejectUnauthorizedFalseSkipsChainAndHostChecks() throws Exception {
    assertEquals(200, get("127.0.0.1", new HttpBridge.TlsOptions(false, null, null, null)).statusCode());
  }
}
