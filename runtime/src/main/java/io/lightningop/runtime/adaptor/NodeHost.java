package io.lightningop.runtime.adaptor;

import io.lightningop.runtime.adaptor.loader.ModuleResolver;
import io.lightningop.runtime.adaptor.loader.ModuleSources;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Predicate;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The host functions the adaptor loader and compatibility modules call, for one Context. It is
 * handed to the bootstrap script as an argument and only ever held in closures, so job code
 * cannot reach it.
 */
final class NodeHost {
  private static final SecureRandom RANDOM = new SecureRandom();

  private NodeHost() {}

  static ProxyObject create(Context context, ModuleResolver resolver, ModuleSources sources, EventLoop loop,
      HttpBridge http, Predicate<String> isEntry) {
    return ProxyObject.fromMap(Map.<String, Object>of(
        "parameters", ModuleSources.WRAPPER_GLOBALS,
        "resolve", fn(a -> {
          try {
            return resolver.resolve(a[0].asString(), a[1].asString());
          } catch (RuntimeException e) {
            return "error:" + e.getMessage();
          }
        }),
        "read", fn(a -> sources.read(a[0].asString())),
        "compile", fn(a -> context.eval(sources.wrapped(a[0].asString()))),
        "isEntry", fn(a -> isEntry.test(a[0].asString())),
        "setTimer", fn(a -> (double) loop.setTimer(a[0], a[1].asLong(), a[2].asBoolean())),
        "clearTimer", fn(a -> { loop.clearTimer(a[0].asLong()); return null; }),
        "randomUUID", fn(a -> UUID.randomUUID().toString()),
        "randomBytes", fn(a -> {
          byte[] b = new byte[a[0].asInt()];
          RANDOM.nextBytes(b);
          StringJoiner j = new StringJoiner(",");
          for (byte x : b) j.add(Integer.toString(x & 0xff));
          return j.toString();
        }),
        "http", fn(a -> { request(loop, http, a[0], a[1]); return null; })));
  }

  /** Starts a request; {@code callback(error, metaJson, body)} runs later on the Context thread. */
  private static void request(EventLoop loop, HttpBridge http, Value req, Value callback) {
    List<String[]> headers = new ArrayList<>();
    Value h = req.getMember("headers");
    for (long i = 0; i < h.getArraySize(); i++) {
      Value pair = h.getArrayElement(i);
      headers.add(new String[] {pair.getArrayElement(0).asString(), pair.getArrayElement(1).asString()});
    }
    Value body = req.getMember("body");
    Value tls = req.getMember("tls");
    HttpBridge.TlsOptions tlsOptions = tls == null || tls.isNull() ? HttpBridge.TlsOptions.DEFAULT
        : new HttpBridge.TlsOptions(!tls.hasMember("rejectUnauthorized") || tls.getMember("rejectUnauthorized").isNull()
            || tls.getMember("rejectUnauthorized").asBoolean(),
            text(tls, "ca"), text(tls, "cert"), text(tls, "key"));
    HttpBridge.Request request = new HttpBridge.Request(req.getMember("url").asString(),
        req.getMember("method").asString(), headers,
        body == null || body.isNull() ? null : body.asString().getBytes(StandardCharsets.ISO_8859_1),
        req.getMember("timeout").asLong(), req.getMember("maxRedirections").asInt(),
        req.getMember("decompress").asBoolean(), tlsOptions);
    var future = http.send(request);
    long id = loop.begin(future);
    future.whenComplete((response, error) -> loop.complete(id, () -> {
      if (error != null) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        String code = e instanceof HttpBridge.HttpFailure f ? f.code() : "UND_ERR";
        callback.executeVoid(ProxyObject.fromMap(Map.<String, Object>of("message", String.valueOf(e.getMessage()), "code", code)));
      } else {
        byte[] bytes = response.body();
        callback.executeVoid(null, response.headersJson(), ProxyObject.fromMap(Map.<String, Object>of(
            "text", fn(x -> new String(bytes, StandardCharsets.UTF_8)),
            "latin1", fn(x -> new String(bytes, StandardCharsets.ISO_8859_1)),
            "length", (double) bytes.length)));
      }
    }));
  }

  private static String text(Value obj, String key) {
    if (!obj.hasMember(key)) return null;
    Value v = obj.getMember(key);
    return v == null || v.isNull() || !v.isString() ? null : v.asString();
  }

  private static ProxyExecutable fn(ProxyExecutable f) {
    return f;
  }
}
