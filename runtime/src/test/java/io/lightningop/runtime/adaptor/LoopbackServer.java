package io.lightningop.runtime.adaptor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * A loopback HTTP server for adaptor tests: the routes of the conformance corpus's mock server
 * (items, echo, status, text, unicode, slow) plus /redirect/N, /gzip and /basic (401 without the
 * right credentials). Binds 127.0.0.1 on an ephemeral port.
 */
final class LoopbackServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Map<String, Object>> ITEMS = List.of(
      item(1, "apple", "fruit"), item(2, "carrot", "vegetable"), item(3, "banana", "fruit"));
  private static final List<String> ECHO_HEADERS = List.of("content-type", "authorization", "x-custom", "accept", "x-api-key");

  private final HttpServer server;

  LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static Map<String, Object> item(int id, String name, String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("type", type);
    return m;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      byte[] raw = ex.getRequestBody().readAllBytes();
      Matcher m;
      if (path.equals("/api/items") && method.equals("GET")) {
        json(ex, 200, Map.of("items", ITEMS, "total", 3));
      } else if ((m = Pattern.compile("^/api/items/(\\d+)$").matcher(path)).matches() && method.equals("GET")) {
        int id = Integer.parseInt(m.group(1));
        if (id >= 1 && id <= 3) json(ex, 200, ITEMS.get(id - 1));
        else json(ex, 404, ordered("error", "not found", "id", id));
      } else if (path.equals("/api/echo")) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String h : ECHO_HEADERS) {
          String v = ex.getRequestHeaders().getFirst(h);
          if (v != null) headers.put(h, v);
        }
        String type = String.valueOf(ex.getRequestHeaders().getFirst("content-type"));
        String text = new String(raw, StandardCharsets.UTF_8);
        Object body = text.isEmpty() ? null : text;
        if (!text.isEmpty() && type.contains("application/json")) {
          try {
            body = JSON.readValue(text, Object.class);
          } catch (IOException e) {
            body = text;
          }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", method);
        out.put("path", path);
        out.put("query", query(ex.getRequestURI().getRawQuery()));
        out.put("headers", headers);
        out.put("body", body);
        json(ex, 200, out);
      } else if ((m = Pattern.compile("^/api/status/(\\d{3})$").matcher(path)).matches()) {
        int code = Integer.parseInt(m.group(1));
        if (code == 204) {
          ex.getResponseHeaders().add("connection", "close");
          ex.sendResponseHeaders(204, -1);
        } else {
          json(ex, code, ordered("status", code, "message", "status " + code));
        }
      } else if (path.equals("/api/text")) {
        send(ex, 200, "text/plain", "hello from the mock server".getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/api/unicode")) {
        json(ex, 200, ordered("greeting", "héllo wörld", "emoji", "🎉", "cjk", "你好"));
      } else if (path.equals("/api/slow")) {
        String q = ex.getRequestURI().getQuery();
        long ms = q != null && q.startsWith("ms=") ? Long.parseLong(q.substring(3)) : 100;
        sleep(ms);
        json(ex, 200, Map.of("waited", ms));
      } else if ((m = Pattern.compile("^/redirect/(\\d+)$").matcher(path)).matches()) {
        int n = Integer.parseInt(m.group(1));
        ex.getResponseHeaders().add("location", n <= 1 ? "/api/items/1" : "/redirect/" + (n - 1));
        send(ex, 302, "text/plain", new byte[0]);
      } else if (path.equals("/gzip")) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
          gz.write("{\"compressed\":true}".getBytes(StandardCharsets.UTF_8));
        }
        ex.getResponseHeaders().add("content-encoding", "gzip");
        send(ex, 200, "application/json", buf.toByteArray());
      } else if (path.equals("/basic")) {
        String auth = ex.getRequestHeaders().getFirst("authorization");
        if ("Basic dXNlcjpwYXNz".equals(auth)) json(ex, 200, Map.of("user", "user"));
        else json(ex, 401, Map.of("error", "unauthorized"));
      } else {
        json(ex, 404, ordered("error", "no such route", "path", path));
      }
    }
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  private static Map<String, Object> query(String raw) {
    Map<String, Object> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return q;
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      Object prev = q.get(k);
      if (prev == null) q.put(k, v);
      else if (prev instanceof List<?> l) {
        List<Object> n = new java.util.ArrayList<>(l);
        n.add(v);
        q.put(k, n);
      } else q.put(k, List.of(prev, v));
    }
    return q;
  }

  private static void json(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json", JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().add("content-type", type);
    ex.getResponseHeaders().add("connection", "close");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
