package io.lightningop.runtime.adaptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lightningop.runtime.adaptor.npm.AdaptorCache;
import io.lightningop.runtime.adaptor.npm.AdaptorInstaller;
import io.lightningop.runtime.adaptor.npm.NpmRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Node compatibility modules on their own (no npm package needed). */
class CompatibilityLayerTest {
  @TempDir
  Path cacheDir;
  private Context context;
  private NpmAdaptorModules.Installed installed;
  private final List<String> ada = new ArrayList<>();

  @BeforeEach
  void setUp() {
    NpmAdaptorModules modules = new NpmAdaptorModules(new AdaptorInstaller(new AdaptorCache(cacheDir),
        new NpmRegistry(URI.create("http://127.0.0.1:9/"), Duration.ofSeconds(1)), line -> {}), false);
    context = Context.newBuilder("js").engine(AdaptorHarness.engine())
        .allowIO(IOAccess.newBuilder().fileSystem(modules.fileSystem()).build()).build();
    installed = modules.install(context, (level, args) -> ada.add(level + " " + args.size()));
  }

  @AfterEach
  void tearDown() {
    installed.loop().close();
    context.close(true);
  }

  private Value builtin(String name) {
    return installed.api().invokeMember("builtin", name);
  }

  /** Runs {@code (m) => expression} with the named module and returns the result as JSON text. */
  private String eval(String module, String fn) {
    return context.eval("js", "(m, f) => JSON.stringify(f(m))").execute(builtin(module), context.eval("js", fn)).asString();
  }

  @Test
  void bufferEncodings() {
    assertEquals("\"aGk=\"", eval("buffer", "({Buffer}) => Buffer.from('hi').toString('base64')"));
    assertEquals("\"héllo 🎉 你好\"", eval("buffer",
        "({Buffer}) => Buffer.from(Buffer.from('héllo 🎉 你好').toString('base64'), 'base64').toString()"));
    assertEquals("[\"68c3a9\",3,\"dXNlcjpwYXNz\",true,false,\"abc\",5,\"6869\"]", eval("buffer", """
        ({Buffer}) => [Buffer.from('hé').toString('hex'), Buffer.byteLength('hé'), Buffer.from('user:pass').toString('base64'),
          Buffer.isBuffer(Buffer.concat([Buffer.from('a'), Buffer.from('b')]).slice(0, 1)), Buffer.isBuffer(new Uint8Array(1)),
          Buffer.concat([Buffer.from('a'), Buffer.from('bc')]).toString(), Buffer.from([104, 105, 0, 0, 0]).length,
          Buffer.from('6869', 'hex').toString('hex')]"""));
    assertEquals("\"-_8\"", eval("buffer", "({Buffer}) => Buffer.from([0xfb, 0xff]).toString('base64url')"));
  }

  @Test
  void urlParsingAndResolution() {
    assertEquals("[\"http://h/a\",\"http://127.0.0.1:1/api/echo?x=a%20b\",\"http://127.0.0.1:1\",\"/api/echo\",\"a b\",\"https://e.com/p?q=%C3%A9\",\"http://x.org/b/d?k=1#f\"]",
        eval("url", """
        ({URL}) => [new URL('http:/h/a').href, new URL('/api/echo?x=a b', 'http://127.0.0.1:1/x').href,
          new URL('http://127.0.0.1:1/x').origin, new URL('http://127.0.0.1:1/api/./x/../echo').pathname,
          new URL('http://h/?x=a+b').searchParams.get('x'), new URL('https://E.com:443/p?q=é').href,
          new URL('../d?k=1#f', 'http://x.org/b/c/e').href]"""));
    assertEquals("\"a=1&b=x+y&a=%C3%A9\"", eval("url",
        "({URLSearchParams}) => { const p = new URLSearchParams({ a: '1', b: 'x y' }); p.append('a', 'é'); return p.toString(); }"));
    assertEquals("\"ERR_INVALID_URL\"", eval("url", "({URL}) => { try { new URL('/relative'); } catch (e) { return e.code; } }"));
  }

  @Test
  void pathAndQuerystring() {
    assertEquals("[\"http:/h/api/echo\",\"/a/c\",\"c.txt\",\".txt\",\"/a\"]", eval("path",
        "(p) => [p.posix.join('http://h/api', 'echo'), p.join('/a/b', '../c'), p.basename('/x/c.txt'), p.extname('c.txt'), p.dirname('/a/b')]"));
    assertEquals("[{\"a\":[\"1\",\"2\"],\"b\":\"x y\"},\"a=1&a=2&b=x%20y&c=\"]", eval("querystring",
        "(q) => [q.parse('a=1&a=2&b=x%20y'), q.stringify({ a: [1, 2], b: 'x y', c: undefined })]"));
  }

  @Test
  void eventsAndStreams() throws Exception {
    assertEquals("[1,\"boom\"]", eval("events", """
        (EventEmitter) => { const e = new EventEmitter(); let n = 0; e.once('x', () => n++); e.emit('x'); e.emit('x');
          let msg; try { e.emit('error', new Error('boom')); } catch (err) { msg = err.message; } return [n, msg]; }"""));
    Value result = context.eval("js", """
        (stream) => (async () => {
          const out = [];
          for await (const chunk of stream.Readable.from(['a', 'b', 'c'])) out.push(chunk);
          const t = new stream.Transform({ readableObjectMode: true, transform(chunk, enc, cb) { this.push({ len: chunk.length }); cb(); } });
          t.write('hello'); t.end('hi');
          for await (const rec of t) out.push(rec.len);
          return out.join(',');
        })()""").execute(builtin("stream"));
    EventLoop.Settled s = installed.loop().await(result);
    assertTrue(s.fulfilled(), () -> s.value().toString());
    assertEquals("a,b,c,5,2", s.value().asString());
  }

  @Test
  void timersRunInOrderOnTheEventLoop() throws Exception {
    Value p = context.eval("js", """
        (t) => new Promise((resolve) => {
          const order = [];
          t.setTimeout(() => order.push('b'), 250);
          t.setTimeout(() => order.push('a'), 5);
          const cancelled = t.setTimeout(() => order.push('never'), 10);
          t.clearTimeout(cancelled);
          t.setImmediate(() => order.push('now'));
          let n = 0;
          const iv = t.setInterval(() => { order.push('i' + (++n)); if (n === 2) t.clearInterval(iv); }, 1);
          t.setTimeout(() => resolve(order.join(',')), 300);
        })""").execute(builtin("timers"));
    EventLoop.Settled s = installed.loop().await(p);
    String order = s.value().asString();
    assertTrue(order.contains("now"), order);
    assertTrue(order.indexOf("a") < order.indexOf("b") && order.contains("i1") && order.contains("i2") && !order.contains("i3"), order);
    assertTrue(!order.contains("never"), order);
    assertTrue(!installed.loop().hasPending(), "no timers left");
  }

  @Test
  void awaitingAPromiseThatCanNeverSettleFails() {
    Value pending = context.eval("js", "new Promise(() => {})");
    assertThrows(IllegalStateException.class, () -> installed.loop().await(pending));
  }

  @Test
  void cryptoAndMissingBuiltins() {
    assertTrue(eval("crypto", "(c) => c.randomUUID()").matches("\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\""));
    assertEquals("16", eval("crypto", "(c) => c.randomBytes(16).length"));
    PolyglotException e = assertThrows(PolyglotException.class, () -> builtin("fs"));
    assertTrue(e.getMessage().contains("Cannot find module 'fs'"), e.getMessage());
  }

  @Test
  void jobGlobalsAreLimitedToBufferAndTimers() {
    assertEquals("[\"function\",\"function\",\"function\",\"undefined\",\"undefined\",\"undefined\",\"undefined\",\"aGk=\"]",
        context.eval("js", """
        JSON.stringify([typeof Buffer, typeof setTimeout, typeof clearInterval, typeof URL, typeof process,
          typeof require, typeof TextEncoder, Buffer.from('hi').toString('base64')])""").asString());
    assertEquals("[]", context.eval("js", "JSON.stringify(Object.keys(globalThis).filter(k => /Buffer|Timeout|lightning/.test(k)))").asString());
  }
}
