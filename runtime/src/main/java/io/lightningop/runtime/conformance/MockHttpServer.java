package io.lightningop.runtime.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conformance corpus' reference HTTP server ({@code mock-server.mjs}), on a plain socket so
 * every response carries exactly {@code connection}, {@code content-type} and
 * {@code content-length} (no Date, no keep-alive), as the oracle's server does.
 */
public final class MockHttpServer implements AutoCloseable {
  public static final int DEFAULT_PORT = 18931;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ECHO_HEADERS = List.of("content-type", "authorization", "x-custom", "accept", "x-api-key");
  private static final Pattern ITEM = Pattern.compile("^/api/items/(\\d+)$");
  private static final Pattern STATUS = Pattern.compile("^/api/status/(\\d{3})$");

  private final ServerSocket socket;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "mock-http");
    t.setDaemon(true);
    return t;
  });

  public MockHttpServer(int port) throws IOException {
    socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    pool.execute(this::accept);
  }

  public int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        pool.execute(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private record Request(String method, String path, Map<String, List<String>> query, Map<String, String> headers, String body) {}

  private void serve(Socket s) {
    try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
      Request req = read(in);
      if (req == null) return;
      respond(req, out);
    } catch (IOException | InterruptedException e) {
      // the client went away; nothing to answer
    }
  }

  private static Request read(InputStream in) throws IOException {
    String line = readLine(in);
    if (line == null || line.isEmpty()) return null;
    String[] parts = line.split(" ");
    if (parts.length < 2) return null;
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
      int i = h.indexOf(':');
      if (i > 0) headers.merge(h.substring(0, i).trim().toLowerCase(Locale.ROOT), h.substring(i + 1).trim(), (a, b) -> a + ", " + b);
    }
    byte[] body = new byte[0];
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16); size > 0;
           size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) {
        buf.write(in.readNBytes(size));
        readLine(in);
      }
      body = buf.toByteArray();
    }
    String target = parts[1];
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : target.substring(q + 1).split("&")) {
        if (pair.isEmpty()) continue;
        int e = pair.indexOf('=');
        String k = decode(e < 0 ? pair : pair.substring(0, e));
        String v = e < 0 ? "" : decode(pair.substring(e + 1));
        query.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
      }
    }
    return new Request(parts[0], path, query, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') break;
      if (c != '\r') b.write(c);
    }
    if (c == -1 && b.size() == 0) return null;
    return b.toString(StandardCharsets.UTF_8);
  }

  private void respond(Request req, OutputStream out) throws IOException, InterruptedException {
    String path = req.path();
    if (path.equals("/api/items") && req.method().equals("GET")) {
      ObjectNode body = JSON.createObjectNode();
      body.set("items", items());
      body.put("total", 3);
      sendJson(out, 200, body);
      return;
    }
    Matcher m = ITEM.matcher(path);
    if (m.matches() && req.method().equals("GET")) {
      int id = Integer.parseInt(m.group(1));
      for (JsonNode item : items()) {
        if (item.path("id").asInt() == id) {
          sendJson(out, 200, item);
          return;
        }
      }
      sendJson(out, 404, JSON.createObjectNode().put("error", "not found").put("id", id));
      return;
    }
    if (path.equals("/api/echo")) {
      ObjectNode headers = JSON.createObjectNode();
      for (String h : ECHO_HEADERS) if (req.headers().containsKey(h)) headers.put(h, req.headers().get(h));
      ObjectNode query = JSON.createObjectNode();
      req.query().forEach((k, vs) -> {
        if (vs.size() == 1) query.put(k, vs.get(0));
        else {
          ArrayNode a = query.putArray(k);
          vs.forEach(a::add);
        }
      });
      ObjectNode body = JSON.createObjectNode().put("method", req.method()).put("path", path);
      body.set("query", query);
      body.set("headers", headers);
      body.set("body", parseBody(req.body(), req.headers().getOrDefault("content-type", "")));
      sendJson(out, 200, body);
      return;
    }
    m = STATUS.matcher(path);
    if (m.matches()) {
      int code = Integer.parseInt(m.group(1));
      if (code == 204) {
        write(out, 204, null, null);
        return;
      }
      sendJson(out, code, JSON.createObjectNode().put("status", code).put("message", "status " + code));
      return;
    }
    if (path.equals("/api/text")) {
      write(out, 200, "text/plain", "hello from the mock server".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (path.equals("/api/unicode")) {
      sendJson(out, 200, JSON.createObjectNode().put("greeting", "héllo wörld").put("emoji", "🎉").put("cjk", "你好"));
      return;
    }
    if (path.equals("/api/slow")) {
      List<String> v = req.query().get("ms");
      long ms = v == null ? 100 : Long.parseLong(v.get(0));
      Thread.sleep(ms);
      sendJson(out, 200, JSON.createObjectNode().put("waited", ms));
      return;
    }
    sendJson(out, 404, JSON.createObjectNode().put("error", "no such route").put("path", path));
  }

  private static JsonNode parseBody(String raw, String type) {
    if (raw.isEmpty()) return JSON.nullNode();
    if (type.contains("application/json")) {
      try {
        return JSON.readTree(raw);
      } catch (IOException e) {
        return JSON.getNodeFactory().textNode(raw);
      }
    }
    return JSON.getNodeFactory().textNode(raw);
  }

  private static ArrayNode items() {
    ArrayNode a = JSON.createArrayNode();
    a.addObject().put("id", 1).put("name", "apple").put("type", "fruit");
    a.addObject().put("id", 2).put("name", "carrot").put("type", "vegetable");
    a.addObject().put("id", 3).put("name", "banana").put("type", "fruit");
    return a;
  }

  private static void sendJson(OutputStream out, int status, JsonNode body) throws IOException {
    write(out, status, "application/json", JSON.writeValueAsBytes(body));
  }

  private static void write(OutputStream out, int status, String type, byte[] body) throws IOException {
    StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    h.append("connection: close\r\n");
    if (type != null) {
      h.append("content-type: ").append(type).append("\r\n");
      h.append("content-length: ").append(body.length).append("\r\n");
    }
    h.append("\r\n");
    out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) out.write(body);
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 418 -> "I'm a Teapot";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Status " + status;
    };
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
    pool.shutdownNow();
  }
}
