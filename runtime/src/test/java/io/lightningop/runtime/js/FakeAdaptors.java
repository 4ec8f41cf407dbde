package io.lightningop.runtime.js;

import io.lightningop.runtime.adaptor.AdaptorModules;
import io.lightningop.runtime.adaptor.EventLoop;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.io.FileSystem;

/**
 * A test double of the adaptor loader for executor unit tests: one tiny ES module standing in
 * for language-common ({@code fn}, {@code execute}, {@code log}, {@code sum}), served from memory.
 * The conformance suite uses the real npm adaptors.
 */
final class FakeAdaptors implements AdaptorModules {
  static final String ENTRY = "/@lightning/fake-common.mjs";
  static final String SOURCE = """
      export const fn = (f) => (state) => f(state);
      export const execute = (...ops) => (state) => ops.reduce((p, op) => p.then(op), Promise.resolve(state));
      const adaptorConsole = globalThis.__fakeAdaptorConsole; // adaptor output goes to ADA, as the real loader's
      export const log = (...args) => (state) => { adaptorConsole('info', ...args); return state; };
      export const evalIn = (code) => (state) => ({ ...state, value: eval(code) });
      export const boom = () => () => { throw new Error('adaptor failure'); };
      let calls = 0; // module state: a fresh module instance per run starts at 0
      export const countCalls = () => (state) => ({ ...state, calls: ++calls });
      """;
  private final ModuleFileSystem fs = new ModuleFileSystem(null);

  FakeAdaptors() {
    fs.put(ENTRY, SOURCE);
  }

  @Override
  public String entryFor(String specifier) throws AdaptorException {
    if (specifier.startsWith("@openfn/language-common")) return ENTRY;
    throw new AdaptorException("unknown adaptor " + specifier);
  }

  @Override
  public FileSystem fileSystem() {
    return fs;
  }

  @Override
  public Map<String, String> contextOptions() {
    return Map.of();
  }

  @Override
  public EventLoop prepare(Context context, AdaptorConsole console) {
    EventLoop loop = new EventLoop();
    StepRunner.installTimers(context, loop);
    context.getBindings("js").putMember("__fakeAdaptorConsole", (org.graalvm.polyglot.proxy.ProxyExecutable) a -> {
      console.log(a[0].asString(), java.util.Arrays.<Object>asList(a).subList(1, a.length));
      return null;
    });
    return loop;
  }

  static List<String> exports() {
    return List.of("fn", "execute", "log", "evalIn", "boom", "countCalls");
  }
}
