package io.lightningop.runtime.adaptor.npm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads package metadata and tarballs from an npm registry (default https://registry.npmjs.org/). */
public final class NpmRegistry {
  public static final URI DEFAULT = URI.create("https://registry.npmjs.org/");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient client;
  private final Duration timeout;
  private final Map<String, Packument> packuments = new ConcurrentHashMap<>();

  public NpmRegistry(URI base, Duration timeout) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  public NpmRegistry() {
    this(DEFAULT, Duration.ofSeconds(30));
  }

  public URI base() {
    return base;
  }

  /** The package's metadata (abbreviated form), fetched once per registry instance. */
  public Packument packument(String name) throws IOException {
    Packument cached = packuments.get(name);
    if (cached != null) return cached;
    URI uri = base.resolve(name.replace("/", "%2f"));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Accept", "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8").GET().build();
    HttpResponse<byte[]> response = send(request, uri);
    if (response.statusCode() == 404) throw new IOException("package " + name + " does not exist on " + base);
    if (response.statusCode() != 200) {
      throw new IOException("registry " + base + " answered " + response.statusCode() + " for package " + name);
    }
    Packument packument = Packument.fromJson(name, JSON.readTree(response.body()));
    packuments.put(name, packument);
    return packument;
  }

  /** The tarball's bytes; callers verify them against the release's integrity before use. */
  public byte[] tarball(String url) throws IOException {
    URI uri = URI.create(url);
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), uri);
    if (response.statusCode() != 200) throw new IOException("downloading " + url + " answered " + response.statusCode());
    return response.body();
  }

  private HttpResponse<byte[]> send(HttpRequest request, URI uri) throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri, e);
    } catch (IOException e) {
      throw new IOException("cannot reach the npm registry at " + uri + ": " + e, e);
    }
  }
}
