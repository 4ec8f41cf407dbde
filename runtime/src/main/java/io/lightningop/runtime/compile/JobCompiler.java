package io.lightningop.runtime.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Compiles job source the way OpenFn's compiler does (lazy state, promise chains, exports,
 * top-level operations, adaptor imports). The parser is acorn, run in one GraalJS Context on the
 * shared Engine; results are cached by source and adaptor export lists.
 */
public final class JobCompiler implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Source ACORN = resource("acorn/acorn.js");
  private static final Source COMPILER = resource("compiler.js");

  private final Context context;
  private final Value compile;
  private final Value link;
  private final Value exportNames;
  private final Value importExpressions;
  private final Map<Key, CompiledJob> cache = new ConcurrentHashMap<>();

  public JobCompiler(Engine engine) {
    context = Context.newBuilder("js").engine(engine)
        .allowHostAccess(HostAccess.NONE).allowIO(IOAccess.NONE)
        .allowCreateThread(false).allowNativeAccess(false).build();
    context.eval(ACORN);
    context.eval(COMPILER);
    Value bindings = context.getBindings("js");
    compile = bindings.getMember("lightningCompile");
    link = bindings.getMember("lightningLink");
    exportNames = bindings.getMember("lightningExportNames");
    importExpressions = bindings.getMember("lightningImportExpressions");
  }

  /**
   * @param adaptors the step's adaptors with their export lists (names must have no {@code @version})
   * @param ignore names never imported (the exports of {@code workflow.globals})
   */
  public CompiledJob compile(String source, List<AdaptorExports> adaptors, List<String> ignore)
      throws CompileException {
    Objects.requireNonNull(source, "source");
    Key key = new Key(source, List.copyOf(adaptors), List.copyOf(ignore));
    CompiledJob cached = cache.get(key);
    if (cached != null) return cached;
    CompiledJob job = doCompile(source, key);
    cache.put(key, job);
    return job;
  }

  private CompiledJob doCompile(String source, Key key) throws CompileException {
    ObjectNode options = JSON.createObjectNode();
    ArrayNode list = options.putArray("adaptors");
    for (AdaptorExports a : key.adaptors()) {
      ObjectNode o = list.addObject().put("name", a.name());
      a.exports().forEach(o.putArray("exports")::add);
    }
    key.ignore().forEach(options.putArray("ignore")::add);
    String out;
    synchronized (this) { // a Context is single-threaded
      out = compile.execute(source, options.toString()).asString();
    }
    try {
      JsonNode r = JSON.readTree(out);
      if (!r.path("ok").asBoolean()) {
        throw new CompileException(r.path("name").asText(), r.path("message").asText(),
            r.path("line").asInt(), r.path("column").asInt());
      }
      List<CompiledJob.Operation> ops = new ArrayList<>();
      for (JsonNode op : r.path("operations")) {
        ops.add(new CompiledJob.Operation(op.path("name").isTextual() ? op.path("name").asText() : null,
            op.path("line").asInt(), op.path("order").asInt()));
      }
      Map<String, List<String>> imports = new LinkedHashMap<>();
      r.path("imports").properties().forEach(e -> {
        List<String> names = new ArrayList<>();
        e.getValue().forEach(n -> names.add(n.asText()));
        imports.put(e.getKey(), names);
      });
      List<String> topLevel = new ArrayList<>();
      r.path("topLevelNames").forEach(n -> topLevel.add(n.asText()));
      return new CompiledJob(r.path("code").asText(), ops, imports, topLevel);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Module code with its specifiers rewritten; {@code unresolved} lists the ones not in the mapping. */
  public record Linked(String code, List<String> unresolved) {}

  /** Rewrites the module specifiers of compiled code through {@code mapping}. */
  public Linked link(String code, Map<String, String> mapping) {
    String out;
    synchronized (this) {
      out = link.execute(code, JSON.valueToTree(mapping).toString()).asString();
    }
    try {
      JsonNode r = JSON.readTree(out);
      List<String> unresolved = new ArrayList<>();
      r.path("unresolved").forEach(n -> unresolved.add(n.asText()));
      return new Linked(r.path("code").asText(), unresolved);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names an ES module exports (used for workflow globals). */
  public List<String> exportNames(String moduleCode) throws CompileException {
    try {
      String out;
      synchronized (this) {
        out = exportNames.execute(moduleCode).asString();
      }
      List<String> names = new ArrayList<>();
      JSON.readTree(out).forEach(n -> names.add(n.asText()));
      return names;
    } catch (org.graalvm.polyglot.PolyglotException e) {
      throw new CompileException("SyntaxError", "[globals] " + e.getMessage(), 0, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The offsets (UTF-16, as {@link String#charAt}) of the {@code import} keyword of each dynamic
   * {@code import()} expression in a CommonJS script (top-level {@code return} and a hashbang allowed).
   * @throws CompileException when the script does not parse
   */
  public int[] importExpressions(String script) throws CompileException {
    String out;
    synchronized (this) {
      try {
        out = importExpressions.execute(script).asString();
      } catch (org.graalvm.polyglot.PolyglotException e) {
        if (!e.isGuestException()) throw e;
        Value err = e.getGuestObject();
        Value loc = err == null ? null : err.getMember("loc");
        boolean located = loc != null && !loc.isNull();
        throw new CompileException("SyntaxError", e.getMessage(),
            located ? loc.getMember("line").asInt() : 0, located ? loc.getMember("column").asInt() : 0);
      }
    }
    try {
      JsonNode starts = JSON.readTree(out);
      int[] offsets = new int[starts.size()];
      for (int i = 0; i < offsets.length; i++) offsets[i] = starts.get(i).asInt();
      return offsets;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    context.close(true);
  }

  private static Source resource(String name) {
    try (InputStream in = JobCompiler.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), name).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Key(String source, List<AdaptorExports> adaptors, List<String> ignore) {}
}
