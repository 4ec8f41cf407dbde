package io.lightningop.runtime.adaptor;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;

/**
 * The HTTP client behind the undici facade: one request per call on the JDK HttpClient (HTTP/1.1),
 * with undici's observable behaviour — redirects followed only up to {@code maxRedirections}
 * (authorization dropped across origins), gzip/deflate bodies decompressed, headers/body
 * timeouts, TLS options ({@code rejectUnauthorized}, {@code ca}, client {@code cert}/{@code key}),
 * and Node-style errors ({@code ECONNREFUSED}, {@code UND_ERR_HEADERS_TIMEOUT}).
 */
public final class HttpBridge {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Headers the JDK client refuses to set; undici computes them itself too. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
  private final Map<TlsOptions, HttpClient> clients = new ConcurrentHashMap<>();

  /** What JS asks for. {@code body} bytes may be null. */
  public record Request(String url, String method, List<String[]> headers, byte[] body, long timeoutMillis,
      int maxRedirections, boolean decompress, TlsOptions tls) {}

  /** TLS settings from undici's {@code connect} options; PEM texts or null. */
  public record TlsOptions(boolean rejectUnauthorized, String ca, String cert, String key) {
    public static final TlsOptions DEFAULT = new TlsOptions(true, null, null, null);
  }

  /** The answer: status, headers in undici's shape (lower-case names, repeated ones as arrays), body. */
  public record Response(int statusCode, Map<String, Object> headers, byte[] body) {
    public String headersJson() {
      try {
        return JSON.writeValueAsString(Map.of("statusCode", statusCode, "headers", headers));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A failure shaped like Node's: message and code. */
  public static final class HttpFailure extends IOException {
    private final String code;

    public HttpFailure(String message, String code, Throwable cause) {
      super(message, cause);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  public CompletableFuture<Response> send(Request request) {
    return send(request, URI.create(request.url()), request.method(), request.body(), request.headers(), 0);
  }

  private CompletableFuture<Response> send(Request r, URI uri, String method, byte[] body, List<String[]> headers,
      int redirects) {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(uri).method(method.toUpperCase(Locale.ROOT),
          body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      if (r.timeoutMillis() > 0) b.timeout(Duration.ofMillis(r.timeoutMillis()));
      for (String[] h : headers) {
        if (!RESTRICTED.contains(h[0].toLowerCase(Locale.ROOT))) b.header(h[0], h[1]);
      }
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new HttpFailure("Invalid request: " + e.getMessage(), "UND_ERR_INVALID_ARG", e));
    }
    HttpClient client;
    try {
      client = clients.computeIfAbsent(r.tls() == null ? TlsOptions.DEFAULT : r.tls(), HttpBridge::newClient);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new HttpFailure(e.getMessage(), "ERR_TLS_OPTIONS", e));
    }
    return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, error) -> {
          if (error != null) throw new CompletionException(translate(error, uri));
          return response;
        })
        .thenCompose(response -> {
          int status = response.statusCode();
          var location = response.headers().firstValue("location");
          if (isRedirect(status) && location.isPresent() && redirects < r.maxRedirections()) {
            URI next = uri.resolve(location.get());
            boolean keepMethod = status == 307 || status == 308;
            List<String[]> nextHeaders = new ArrayList<>();
            for (String[] h : headers) {
              String n = h[0].toLowerCase(Locale.ROOT);
              boolean crossOrigin = !sameOrigin(uri, next);
              if (crossOrigin && (n.equals("authorization") || n.equals("cookie") || n.equals("proxy-authorization"))) continue;
              if (!keepMethod && (n.equals("content-type") || n.equals("content-encoding"))) continue;
              nextHeaders.add(h);
            }
            String nextMethod = keepMethod || method.equalsIgnoreCase("HEAD") ? method : "GET";
            return send(r, next, nextMethod, keepMethod ? body : null, nextHeaders, redirects + 1);
          }
          try {
            return CompletableFuture.completedFuture(toResponse(response, r.decompress()));
          } catch (IOException e) {
            return CompletableFuture.failedFuture(new HttpFailure("Decompression failed: " + e.getMessage(), "Z_DATA_ERROR", e));
          }
        });
  }

  private static boolean isRedirect(int status) {
    return status == 300 || status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static Response toResponse(HttpResponse<byte[]> response, boolean decompress) throws IOException {
    HttpHeaders h = response.headers();
    Map<String, Object> headers = new LinkedHashMap<>();
    byte[] body = response.body();
    String encoding = h.firstValue("content-encoding").orElse("").trim().toLowerCase(Locale.ROOT);
    boolean decoded = decompress && body.length > 0 && (encoding.equals("gzip") || encoding.equals("x-gzip") || encoding.equals("deflate"));
    if (decoded) body = inflate(body, encoding);
    h.map().forEach((name, values) -> {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.equals(":status")) return;
      if (decoded && (n.equals("content-encoding") || n.equals("content-length"))) return;
      headers.put(n, values.size() == 1 ? values.get(0) : List.copyOf(values));
    });
    return new Response(response.statusCode(), headers, body);
  }

  private static byte[] inflate(byte[] body, String encoding) throws IOException {
    InputStream in = encoding.equals("deflate")
        ? new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(!looksLikeZlib(body)))
        : new GZIPInputStream(new ByteArrayInputStream(body));
    try (in; ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4)) {
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  private static boolean looksLikeZlib(byte[] b) {
    return b.length >= 2 && (b[0] & 0x0f) == 8 && (((b[0] & 0xff) << 8) | (b[1] & 0xff)) % 31 == 0;
  }

  private static IOException translate(Throwable error, URI uri) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String hostPort = uri.getHost() + ":" + port(uri);
    if (e instanceof HttpFailure f) return f;
    if (e instanceof HttpConnectTimeoutException) return new HttpFailure("Connect Timeout Error (attempted address: " + hostPort + ")", "UND_ERR_CONNECT_TIMEOUT", e);
    if (e instanceof HttpTimeoutException) return new HttpFailure("Headers Timeout Error", "UND_ERR_HEADERS_TIMEOUT", e);
    if (e instanceof ConnectException || e.getCause() instanceof ConnectException) return new HttpFailure("connect ECONNREFUSED " + hostPort, "ECONNREFUSED", e);
    if (e instanceof java.nio.channels.UnresolvedAddressException || e.getCause() instanceof java.nio.channels.UnresolvedAddressException
        || e instanceof java.net.UnknownHostException) {
      return new HttpFailure("getaddrinfo ENOTFOUND " + uri.getHost(), "ENOTFOUND", e);
    }
    if (e instanceof javax.net.ssl.SSLException) return new HttpFailure(e.getMessage(), "ERR_TLS", e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new HttpFailure(message, "UND_ERR_SOCKET", e);
  }

  private static HttpClient newClient(TlsOptions tls) {
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30));
    if (!tls.equals(TlsOptions.DEFAULT)) b.sslContext(sslContext(tls));
    return b.build();
  }

  private static SSLContext sslContext(TlsOptions tls) {
    try {
      TrustManager[] trust;
      if (!tls.rejectUnauthorized()) {
        // Node's rejectUnauthorized: false skips chain and host name checks; an *extended* trust
        // manager keeps JSSE from adding its own host name check around it.
        trust = new TrustManager[] {new X509ExtendedTrustManager() {
          @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
          @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
          @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
          @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
          @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
          @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
          @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }};
      } else if (tls.ca() != null) {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certificates(tls.ca())) ks.setCertificateEntry("ca" + i++, c);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        trust = tmf.getTrustManagers();
      } else {
        trust = null;
      }
      KeyManagerFactory kmf = null;
      if (tls.cert() != null && tls.key() != null) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        String pem = tls.key().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        var spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem));
        java.security.PrivateKey key;
        try {
          key = KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (java.security.spec.InvalidKeySpecException e) {
          key = KeyFactory.getInstance("EC").generatePrivate(spec);
        }
        ks.setKeyEntry("client", key, new char[0], certificates(tls.cert()).toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, new SecureRandom());
      return ctx;
    } catch (Exception e) {
      throw new IllegalArgumentException("invalid tls options (ca/cert/key must be PEM; keys PKCS#8): " + e.getMessage(), e);
    }
  }

  private static List<Certificate> certificates(String pem) throws Exception {
    return new ArrayList<>(CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
  }
}
