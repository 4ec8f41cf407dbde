package io.lightningop.runtime.js;

import io.lightningop.runtime.adaptor.AdaptorModules;
import io.lightningop.runtime.adaptor.EventLoop;
import io.lightningop.runtime.compile.AdaptorExports;
import io.lightningop.runtime.compile.CompileException;
import io.lightningop.runtime.compile.CompiledJob;
import io.lightningop.runtime.compile.JobCompiler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Turns a step's source into a module the job Context can import: resolves its adaptors, compiles
 * it against their export lists, rewrites specifiers to module paths, and prepends the job scope
 * (its console, and the globals the OpenFn sandbox lacks shadowed). Everything is cached.
 */
final class JobPreparer {
  private static final Pattern VERSION = Pattern.compile("^(@?[^@]+)@(.+)$");

  /**
   * A job ready to import: module path, the adaptor entry modules it imports, workflow globals path
   * (or null), shadowed names, and the adaptor versions it resolved.
   */
  record Prepared(String path, List<String> adaptorEntries, String globalsPath, List<String> shadow,
                  Map<String, String> resolved) {}

  /** An import the job makes that cannot be satisfied (unknown module, adaptor not installable). */
  static final class ImportFailure extends Exception {
    ImportFailure(String message) { super(message); }
  }

  interface Log {
    void log(String level, String message);
  }

  private final JsEngine engine;
  private final Consumer<List<String>> beforeCompile;
  private final JobCompiler compiler;
  private final AdaptorModules adaptors;
  private final ModuleFileSystem fs;
  private final Map<String, List<String>> exportsByEntry = new ConcurrentHashMap<>();
  private final Map<String, Prepared> cache = new ConcurrentHashMap<>();

  /**
   * @param beforeCompile told the adaptor entries of a job about to be compiled (a cache miss), so
   *     its Context can be prepared while the compiler works
   */
  JobPreparer(JsEngine engine, JobCompiler compiler, AdaptorModules adaptors, ModuleFileSystem fs,
              Consumer<List<String>> beforeCompile) {
    this.beforeCompile = beforeCompile;
    this.engine = engine;
    this.compiler = compiler;
    this.adaptors = adaptors;
    this.fs = fs;
  }

  Prepared prepare(ExecutionPlan.Step step, String globals, Log log) throws CompileException, ImportFailure {
    Map<String, String> entries = new LinkedHashMap<>(); // bare name -> module path
    Map<String, String> versions = new LinkedHashMap<>();
    List<AdaptorExports> exports = new ArrayList<>();
    for (String spec : step.adaptors()) {
      String name = bareName(spec);
      log.log("debug", "[linker] loading module " + name);
      if (adaptors == null) throw new ImportFailure("Failed to import module \"" + name + "\": no adaptor loader");
      String entry;
      try {
        entry = adaptors.entryFor(spec);
      } catch (AdaptorModules.AdaptorException e) {
        throw new ImportFailure("Failed to import module \"" + name + "\": " + e.getMessage());
      }
      entries.put(name, entry);
      versions.put(name, versionOf(spec, name, entry));
      exports.add(new AdaptorExports(name, exportsOf(entry)));
    }
    String key = step.expression() + "\u0000" + entries + "\u0000" + (globals == null ? "" : globals);
    Prepared cached = cache.get(key);
    if (cached == null) {
      beforeCompile.accept(List.copyOf(entries.values()));
      cached = build(step.expression(), entries, versions, exports, globals);
      cache.put(key, cached);
    }
    for (Map.Entry<String, String> e : cached.resolved().entrySet()) {
      log.log("info", "Resolved adaptor " + e.getKey() + " to version " + e.getValue());
    }
    return cached;
  }

  private Prepared build(String source, Map<String, String> entries, Map<String, String> versions,
                         List<AdaptorExports> exports, String globals) throws CompileException, ImportFailure {
    List<String> ignore = globals == null || globals.isBlank() ? List.of() : compiler.exportNames(globals);
    CompiledJob job = compiler.compile(source, exports, ignore);
    Map<String, String> mapping = new LinkedHashMap<>(entries);
    mapping.put("@openfn/runtime", StepRunner.RUNTIME_MODULE);
    JobCompiler.Linked linked = compiler.link(job.code(), mapping);
    if (!linked.unresolved().isEmpty()) {
      throw new ImportFailure("Failed to import module \"" + linked.unresolved().get(0)
          + "\": only @openfn/runtime and the step's adaptors can be imported");
    }
    List<String> shadow = new ArrayList<>();
    for (String g : StepRunner.shadowedGlobals()) if (!job.topLevelNames().contains(g)) shadow.add(g);
    String prefix = "const { console" + (shadow.isEmpty() ? "" : ", " + String.join(", ", shadow))
        + " } = globalThis[Symbol.for('lightning.job')]; ";
    String code = linked.code();
    String module;
    if (code.startsWith("#!")) {
      int nl = code.indexOf('\n');
      module = nl < 0 ? code : code.substring(0, nl + 1) + prefix + code.substring(nl + 1);
    } else {
      module = prefix + code;
    }
    String path = ModuleFileSystem.JOB_DIR + hash(module) + ".mjs";
    fs.put(path, module);
    String globalsPath = null;
    if (globals != null && !globals.isBlank()) {
      globalsPath = ModuleFileSystem.JOB_DIR + "globals-" + hash(globals) + ".mjs";
      fs.put(globalsPath, globals);
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    for (String name : job.imports().keySet()) resolved.put(name, versions.getOrDefault(name, "unknown"));
    return new Prepared(path, List.copyOf(entries.values()), globalsPath, List.copyOf(shadow), resolved);
  }

  /**
   * The names an adaptor module exports, once per entry: from the entry module's own
   * {@code export} declarations when it lists them, else by importing it in a probe Context.
   */
  List<String> exportsOf(String entry) throws ImportFailure {
    List<String> known = exportsByEntry.get(entry);
    if (known != null) return known;
    List<String> declared = declaredExports(entry);
    if (!declared.isEmpty()) {
      exportsByEntry.put(entry, declared);
      return declared;
    }
    EventLoop loop = null;
    try (Context ctx = engine.newContext(fs, adaptors.contextOptions())) {
      loop = adaptors.prepare(ctx, (level, args) -> {});
      Value p = ctx.eval("js", "import(" + quote(entry) + ").then(ns => JSON.stringify(Object.keys(ns)))");
      EventLoop.Settled settled = loop.await(p);
      if (!settled.fulfilled()) throw new ImportFailure("Failed to load adaptor module " + entry + ": " + settled.value());
      List<String> names = new ArrayList<>();
      for (String n : new com.fasterxml.jackson.databind.ObjectMapper().readValue(settled.value().asString(), String[].class)) {
        if (!n.equals("default")) names.add(n);
      }
      exportsByEntry.put(entry, List.copyOf(names));
      return names;
    } catch (PolyglotException | IllegalStateException e) {
      throw new ImportFailure("Failed to load adaptor module " + entry + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImportFailure("interrupted while loading " + entry);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    } finally {
      if (loop != null) loop.close();
    }
  }

  private List<String> declaredExports(String entry) {
    try (var channel = fs.newByteChannel(fs.parsePath(entry), java.util.Set.of(java.nio.file.StandardOpenOption.READ))) {
      var out = new java.io.ByteArrayOutputStream();
      var buf = java.nio.ByteBuffer.allocate(8192);
      while (channel.read(buf) > 0) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      String code = out.toString(StandardCharsets.UTF_8);
      if (code.contains("export *")) return List.of();
      List<String> names = new ArrayList<>(compiler.exportNames(code));
      names.remove("default");
      return List.copyOf(names);
    } catch (java.io.IOException | CompileException | RuntimeException e) {
      return List.of();
    }
  }

  static String bareName(String spec) {
    Matcher m = VERSION.matcher(spec);
    return m.matches() ? m.group(1) : spec;
  }

  private static String versionOf(String spec, String name, String entry) {
    Matcher m = Pattern.compile(Pattern.quote(name) + "@(\\d+\\.\\d+\\.\\d+[^/]*)").matcher(entry);
    if (m.find()) return m.group(1);
    Matcher s = VERSION.matcher(spec);
    return s.matches() ? s.group(2) : "latest";
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
