package io.lightningop.runtime.adaptor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lightningop.runtime.adaptor.loader.AdaptorFileSystem;
import io.lightningop.runtime.adaptor.loader.ModuleResolver;
import io.lightningop.runtime.adaptor.loader.ModuleSources;
import io.lightningop.runtime.adaptor.npm.AdaptorCache;
import io.lightningop.runtime.adaptor.npm.AdaptorInstaller;
import io.lightningop.runtime.adaptor.npm.AdaptorSpecifier;
import io.lightningop.runtime.adaptor.npm.NpmRegistry;
import io.lightningop.runtime.adaptor.npm.PackageId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AdaptorModules} over real npm packages: installs them into an {@link AdaptorCache} on
 * first use, loads their CommonJS builds with a per-Context loader (bootstrap.js) and the Node
 * compatibility modules, and exposes each package to job code as a generated ES module
 * ({@code /adaptors/<name>@<version>/.lightning-entry.mjs}) whose named exports are the package's.
 */
public final class NpmAdaptorModules implements AdaptorModules {
  private static final Logger LOG = LoggerFactory.getLogger(NpmAdaptorModules.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENTRY = "/.lightning-entry.mjs";
  private static final String EXPORTS_FILE = ".lightning-exports.json";
  private static final Pattern ANNOTATION = Pattern.compile("0 && \\(module\\.exports = \\{([^}]*)\\}\\);");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Set<String> RESERVED = Set.of("default", "__esModule", "break", "case", "catch", "class",
      "const", "continue", "debugger", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
      "function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
      "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static", "await", "implements",
      "interface", "package", "private", "protected", "public", "arguments", "eval");
  /** The global (a registry symbol) through which generated entry modules reach the loader. */
  static final String LOADER_SYMBOL = "lightning.adaptors";

  private final AdaptorInstaller installer;
  private final boolean allowDownload;
  private final ModuleResolver resolver;
  private final ModuleSources sources;
  private final AdaptorFileSystem fileSystem;
  private final HttpBridge http = new HttpBridge();
  private final Source bootstrap;
  /** Tags and ranges are re-resolved against the registry after this long; exact versions never. */
  private static final long RESOLVE_TTL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
  private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Set<String> entryTargets = ConcurrentHashMap.newKeySet();
  private volatile Engine probeEngine;

  private record Entry(String target, byte[] module) {}

  private record Resolved(PackageId id, long at, boolean exact) {
    boolean fresh() {
      return exact || System.nanoTime() - at < RESOLVE_TTL_NANOS;
    }
  }

  /**
   * @param allowDownload whether a package missing from the cache may be fetched from the registry
   *     (false: offline workers that ship a pre-filled cache)
   */
  public NpmAdaptorModules(AdaptorInstaller installer, boolean allowDownload) {
    this.installer = installer;
    this.allowDownload = allowDownload;
    this.resolver = new ModuleResolver(installer.cache());
    this.sources = new ModuleSources(resolver, new ImportExpressionFinder(installer.cache().root().resolve("import-offsets")));
    this.fileSystem = new AdaptorFileSystem(sources, path -> Optional.ofNullable(entries.get(path)).map(Entry::module));
    this.bootstrap = Source.newBuilder("js", resource("bootstrap.js"), ModuleResolver.NODE + "bootstrap.js")
        .cached(true).buildLiteral();
  }

  /**
   * The default cache ({@code $LIGHTNING_HOME/adaptors} or {@code ~/.cache/lightning/adaptors}) and
   * registry, progress logged. {@code LIGHTNING_NPM_REGISTRY} overrides the registry;
   * {@code LIGHTNING_ADAPTORS_OFFLINE=true} forbids downloads (workers with a pre-filled cache).
   */
  public static NpmAdaptorModules withDefaults() {
    AdaptorCache cache = new AdaptorCache(AdaptorCache.defaultRoot());
    String registry = System.getenv("LIGHTNING_NPM_REGISTRY");
    NpmRegistry npm = registry == null || registry.isBlank() ? new NpmRegistry()
        : new NpmRegistry(java.net.URI.create(registry), java.time.Duration.ofSeconds(30));
    boolean offline = "true".equalsIgnoreCase(System.getenv("LIGHTNING_ADAPTORS_OFFLINE"));
    return new NpmAdaptorModules(new AdaptorInstaller(cache, npm, LOG::info), !offline);
  }

  public ModuleResolver resolver() {
    return resolver;
  }

  @Override
  public String entryFor(String specifier) throws AdaptorException {
    AdaptorSpecifier spec;
    try {
      spec = AdaptorSpecifier.parse(specifier);
    } catch (IllegalArgumentException e) {
      throw new AdaptorException(e.getMessage(), e);
    }
    PackageId id;
    try {
      Resolved known = resolved.get(spec.toString());
      if (known != null && known.fresh()) {
        id = known.id();
      } else {
        id = allowDownload ? installer.install(spec) : cachedOnly(spec);
        resolved.put(spec.toString(), new Resolved(id, System.nanoTime(), spec.exactVersion().isPresent()));
      }
    } catch (IOException | SecurityException e) {
      throw new AdaptorException("cannot install adaptor " + specifier + ": " + e.getMessage(), e);
    }
    String path = ModuleResolver.packageRoot(id) + ENTRY;
    if (!entries.containsKey(path)) {
      synchronized (entries) { // the first load of a package probes it once, whichever thread asks
        if (!entries.containsKey(path)) {
          try {
            String target = resolver.entryOf(id);
            entryTargets.add(target);
            entries.put(path, new Entry(target, facade(target, exportNames(id, target))));
          } catch (RuntimeException e) {
            throw new AdaptorException("cannot load adaptor " + id + ": " + e.getMessage(), e);
          }
        }
      }
    }
    return path;
  }

  private PackageId cachedOnly(AdaptorSpecifier spec) throws IOException {
    String hint = " is not in the adaptor cache " + installer.cache().root()
        + " and downloads are disabled; run ./lightning adaptors install " + spec;
    Optional<io.lightningop.spec.semver.Semver> exact = spec.exactVersion();
    PackageId id;
    try {
      id = exact.isPresent() ? new PackageId(spec.name(), exact.get().toString()) : installer.resolveRoot(spec);
    } catch (IOException e) {
      throw new IOException(spec + hint, e);
    }
    if (!installer.cache().isInstalled(id)) throw new IOException(id + hint);
    return id;
  }

  @Override
  public FileSystem fileSystem() {
    return fileSystem;
  }

  @Override
  public Map<String, String> contextOptions() {
    return Map.of();
  }

  @Override
  public EventLoop prepare(Context context, AdaptorConsole console) {
    return install(context, console).loop();
  }

  /** The loader installed in a Context: its event loop and the bootstrap's API (host side only). */
  record Installed(EventLoop loop, Value api) {}

  Installed install(Context context, AdaptorConsole console) {
    EventLoop loop = new EventLoop();
    ProxyExecutable emit = args -> {
      Value list = args[1];
      List<Object> values = new ArrayList<>();
      for (long i = 0; i < list.getArraySize(); i++) values.add(list.getArrayElement(i));
      console.log(args[0].asString(), values);
      return null;
    };
    Value api = context.eval(bootstrap).execute(
        NodeHost.create(context, resolver, sources, loop, http, entryTargets::contains), emit);
    Value install = context.eval(Source.create("js", """
        (function (api) {
          Object.defineProperty(globalThis, Symbol.for('lightning.adaptors'),
              { value: Object.freeze({ importEntry: api.importEntry }), enumerable: false, writable: false, configurable: true });
          for (const [k, v] of Object.entries(api.jobGlobals)) {
            Object.defineProperty(globalThis, k, { value: v, enumerable: false, writable: true, configurable: true });
          }
        })"""));
    install.execute(api);
    return new Installed(loop, api);
  }

  private static byte[] facade(String target, List<String> names) {
    StringBuilder b = new StringBuilder()
        .append("const __m = globalThis[Symbol.for('").append(LOADER_SYMBOL).append("')].importEntry(")
        .append(quote(target)).append(");\n")
        .append("export default (__m && __m.__esModule && 'default' in __m) ? __m.default : __m;\n");
    for (String n : names) b.append("export const ").append(n).append(" = __m.").append(n).append(";\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The package's export names, persisted next to it after the first load. */
  private List<String> exportNames(PackageId id, String target) {
    Path file = installer.cache().packageDir(id).resolve(EXPORTS_FILE);
    try {
      if (Files.isRegularFile(file)) {
        var json = JSON.readTree(file.toFile());
        if (json.path("target").asText().equals(target)) {
          List<String> names = new ArrayList<>();
          json.path("names").forEach(n -> names.add(n.asText()));
          return names;
        }
      }
      List<String> names = annotatedExports(target).orElseGet(() -> probe(target));
      Path tmp = Files.createTempFile(file.getParent(), ".exports-", ".json");
      Files.write(tmp, JSON.writeValueAsBytes(Map.of("target", target, "names", names)));
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The export names esbuild writes into CommonJS builds for Node's ESM import
   * ({@code 0 && (module.exports = { a, b })}, the annotation Node's cjs-module-lexer reads), when
   * the entry file has it: this saves loading the package just to learn its names.
   */
  Optional<List<String>> annotatedExports(String target) {
    java.util.regex.Matcher m = ANNOTATION.matcher(sources.read(target));
    if (!m.find()) return Optional.empty();
    List<String> names = new ArrayList<>();
    for (String n : m.group(1).split(",")) {
      String name = n.trim();
      if (IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name)) names.add(name);
    }
    return names.isEmpty() ? Optional.empty() : Optional.of(names);
  }

  /** Loads the package once in a scratch Context to learn its export names (ES exports are static). */
  List<String> probe(String target) {
    long start = System.nanoTime();
    try (Context context = Context.newBuilder("js").engine(probeEngine())
        .allowIO(IOAccess.newBuilder().fileSystem(fileSystem).build()).build()) {
      EventLoop loop = prepare(context, (level, args) -> {});
      try (loop) {
        Value exports = context.eval("js", "(l, p) => Object.keys(l.importEntry(p))")
            .execute(context.eval("js", "globalThis[Symbol.for('" + LOADER_SYMBOL + "')]"), target);
        List<String> names = new ArrayList<>();
        for (long i = 0; i < exports.getArraySize(); i++) {
          String n = exports.getArrayElement(i).asString();
          if (IDENTIFIER.matcher(n).matches() && !RESERVED.contains(n)) names.add(n);
        }
        LOG.debug("read {} exports of {} in {} ms", names.size(), target, (System.nanoTime() - start) / 1_000_000);
        return names;
      }
    }
  }

  private Engine probeEngine() {
    Engine e = probeEngine;
    if (e == null) {
      synchronized (this) {
        if (probeEngine == null) {
          probeEngine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        }
        e = probeEngine;
      }
    }
    return e;
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = NpmAdaptorModules.class.getResourceAsStream("/io/lightningop/runtime/adaptor/node/" + name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
