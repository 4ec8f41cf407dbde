package io.lightningop.runtime.adaptor.npm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs from the real npm registry (small packages), checks integrity, tampering and offline use. */
class AdaptorInstallerIT {
  private static final String SMALL = "http-status-codes";
  private static final String SMALL_VERSION = "2.3.0";
  private static final NpmRegistry REGISTRY = new NpmRegistry();
  private static final NpmRegistry OFFLINE = new NpmRegistry(URI.create("http://127.0.0.1:9/"), Duration.ofSeconds(2));

  @TempDir
  Path cacheDir;

  @Test
  void installsAVerifiedPackageAndUsesItOfflineAfterwards() throws Exception {
    List<String> progress = new ArrayList<>();
    AdaptorCache cache = new AdaptorCache(cacheDir);
    PackageId id = new AdaptorInstaller(cache, REGISTRY, progress::add).install(AdaptorSpecifier.parse(SMALL + "@" + SMALL_VERSION));
    assertEquals(new PackageId(SMALL, SMALL_VERSION), id);
    assertTrue(cache.isInstalled(id));
    assertTrue(Files.isRegularFile(cache.packageDir(id).resolve("package.json")));
    String integrity = REGISTRY.packument(SMALL).release(SMALL_VERSION).orElseThrow().integrity();
    String marker = Files.readString(cache.packageDir(id).resolve(AdaptorCache.MARKER));
    assertTrue(integrity.startsWith("sha512-") && marker.contains(integrity), marker);
    assertTrue(progress.stream().anyMatch(l -> l.contains("+ " + id) && l.contains("integrity verified")), progress.toString());

    // Offline: the registry is unreachable, the exact version comes from the cache without a request.
    List<String> offlineProgress = new ArrayList<>();
    AdaptorInstaller offline = new AdaptorInstaller(cache, OFFLINE, offlineProgress::add);
    assertEquals(id, offline.install(AdaptorSpecifier.parse(SMALL + "@" + SMALL_VERSION)));
    assertTrue(offlineProgress.isEmpty(), offlineProgress.toString());
    // A tag falls back to the newest cached version and says so.
    assertEquals(id, offline.install(AdaptorSpecifier.parse(SMALL + "@latest")));
    assertTrue(offlineProgress.get(0).contains("registry unreachable; using cached " + id), offlineProgress.toString());
    // Something never installed fails clearly.
    IOException e = assertThrows(IOException.class, () -> offline.install(AdaptorSpecifier.parse("lodash@4.17.21")));
    assertTrue(e.getMessage().contains("cannot install lodash@4.17.21") && e.getMessage().contains("no matching version is in the cache"),
        e.getMessage());
  }

  @Test
  void resolvesLatestAndRangesAgainstTheRegistry() throws Exception {
    AdaptorInstaller installer = new AdaptorInstaller(new AdaptorCache(cacheDir), REGISTRY, l -> {});
    String latest = REGISTRY.packument(SMALL).distTags().get("latest");
    assertEquals(latest, installer.resolveRoot(AdaptorSpecifier.parse(SMALL)).version());
    assertEquals("2.2.0", installer.resolveRoot(AdaptorSpecifier.parse(SMALL + "@~2.2.0")).version());
    IOException e = assertThrows(IOException.class, () -> installer.resolveRoot(AdaptorSpecifier.parse(SMALL + "@^99")));
    assertTrue(e.getMessage().contains("no version of http-status-codes matches '^99'"), e.getMessage());
  }

  @Test
  void rejectsATamperedTarball() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    byte[] packument = http.send(HttpRequest.newBuilder(URI.create("https://registry.npmjs.org/" + SMALL)).build(),
        HttpResponse.BodyHandlers.ofByteArray()).body();
    String realTarball = REGISTRY.packument(SMALL).release(SMALL_VERSION).orElseThrow().tarball();
    byte[] tarball = REGISTRY.tarball(realTarball);
    tarball[tarball.length / 2] ^= 0x55; // one flipped byte
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    ObjectMapper json = new ObjectMapper();
    ObjectNode doc = (ObjectNode) json.readTree(packument);
    ((ObjectNode) doc.path("versions").path(SMALL_VERSION).path("dist")).put("tarball", base + "t.tgz");
    byte[] rewritten = json.writeValueAsBytes(doc);
    server.createContext("/", ex -> {
      byte[] body = ex.getRequestURI().getPath().endsWith(".tgz") ? tarball : rewritten;
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      AdaptorCache cache = new AdaptorCache(cacheDir);
      AdaptorInstaller installer = new AdaptorInstaller(cache, new NpmRegistry(URI.create(base), Duration.ofSeconds(10)), l -> {});
      SecurityException e = assertThrows(SecurityException.class,
          () -> installer.install(AdaptorSpecifier.parse(SMALL + "@" + SMALL_VERSION)));
      assertTrue(e.getMessage().contains("integrity check failed for " + SMALL + "@" + SMALL_VERSION), e.getMessage());
      assertFalse(cache.isInstalled(new PackageId(SMALL, SMALL_VERSION)));
      assertFalse(Files.exists(cache.packageDir(new PackageId(SMALL, SMALL_VERSION))), "nothing half-installed");
    } finally {
      server.stop(0);
    }
  }
}
