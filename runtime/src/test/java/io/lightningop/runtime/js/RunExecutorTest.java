package io.lightningop.runtime.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The executor and its sandbox on a test double of the adaptors. */
class RunExecutorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static JobRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = new JobRuntime(new FakeAdaptors());
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  record Run(RunListener.RunResult result, List<RunListener.LogLine> logs) {
    String thrownName() { return result.thrown() == null ? null : result.thrown().path("name").asText(); }
    List<String> lines(String source) {
      List<String> out = new ArrayList<>();
      for (RunListener.LogLine l : logs) if (l.source().equals(source)) out.add(l.level() + " " + JSON.valueToTree(l.message()));
      return out;
    }
  }

  static Run run(String job, String input, RunOptions options) throws Exception {
    ObjectNode plan = JSON.createObjectNode().put("id", "t");
    ObjectNode step = plan.putObject("workflow").putArray("steps").addObject().put("id", "job").put("expression", job);
    step.putArray("adaptors").add("@openfn/language-common@1.0.0");
    List<RunListener.LogLine> logs = new ArrayList<>();
    RunListener.RunResult r = runtime.executor().execute(PlanParser.parse(plan),
        input == null ? null : JSON.readTree(input), options, new RunListener() {
          @Override public void onLog(LogLine line) { logs.add(line); }
        });
    return new Run(r, logs);
  }

  static Run run(String job) throws Exception {
    return run(job, "{\"data\":{}}", RunOptions.defaults());
  }

  @Test
  void runsOperationsInOrderWithJobAndAdaptorLogs() throws Exception {
    Run r = run("fn(state => { console.log('hi', 1); return { ...state, n: 1 }; });\nlog('from adaptor');");
    assertTrue(r.result().completed());
    assertEquals(1, r.result().result().path("n").asInt());
    assertEquals(List.of("info [\"hi\",1]"), r.lines("JOB"));
    assertEquals(List.of("info [\"from adaptor\"]"), r.lines("ADA"));
  }

  @Test
  void evalAndNewFunctionInJobCodeAreKilled() throws Exception {
    for (String job : List.of("fn(state => ({ ...state, v: eval('1 + 1') }));",
        "fn(state => ({ ...state, v: new Function('return 1')() }));",
        "fn(state => ({ ...state, v: [].constructor.constructor('return 1')() }));",
        "fn(state => ({ ...state, v: (async () => {}).constructor('return 1') }));",
        "fn(state => ({ ...state, v: Reflect.apply(eval, null, ['1']) }));")) {
      Run r = run(job);
      assertEquals("SecurityError", r.thrownName(), job);
      assertEquals("kill", r.result().reason(), job);
    }
  }

  @Test
  void adaptorCodeMayStillEval() throws Exception {
    Run r = run("evalIn('2 + 3');");
    assertTrue(r.result().completed(), String.valueOf(r.result().thrown()));
    assertEquals(5, r.result().result().path("value").asInt());
  }

  @Test
  void noHostClassesFilesOrSockets() throws Exception {
    Run r = run("""
        fn(state => ({ ...state, data: {
          java: typeof Java, polyglot: typeof Polyglot, load: typeof load, print: typeof print,
          graal: typeof Graal, process: typeof process, require: typeof require, fetch: typeof fetch } }));
        """);
    assertTrue(r.result().completed(), String.valueOf(r.result().thrown()));
    r.result().result().path("data").properties().forEach(e -> assertEquals("undefined", e.getValue().asText(), e.getKey()));
    r = run("import fs from 'fs';\nfn(s => s);");
    assertEquals("ImportError", r.thrownName());
    r = run("fn(async state => ({ ...state, f: String(await import('/etc/passwd')) }));");
    assertTrue(List.of("fail", "crash").contains(r.result().reason()), "a file outside the module file system is not readable");
    r = run("fn(state => { globalThis.Java.type('java.lang.System'); return state; });");
    assertEquals("fail", r.result().reason());
  }

  @Test
  void infiniteLoopIsKilledByTheTimeout() throws Exception {
    long start = System.currentTimeMillis();
    Run r = run("fn(state => { while (true) {} });", "{}", RunOptions.defaults().withTimeouts(300L, null));
    assertEquals("TimeoutError", r.thrownName());
    assertEquals("kill", r.result().reason());
    System.out.println("infinite loop stopped after " + (System.currentTimeMillis() - start) + " ms");
    // the engine still serves other runs
    assertTrue(run("fn(s => s);").result().completed());
  }

  @Test
  void credentialValuesAreScrubbedFromLogs() throws Exception {
    ObjectNode plan = JSON.createObjectNode().put("id", "t");
    ObjectNode step = plan.putObject("workflow").putArray("steps").addObject().put("id", "job")
        .put("expression", "fn(state => { console.log('pw is ' + state.configuration.password, state.configuration); return state; });");
    step.putArray("adaptors").add("@openfn/language-common");
    step.putObject("configuration").put("password", "hunter22");
    List<String> lines = new ArrayList<>();
    runtime.executor().execute(PlanParser.parse(plan), null, RunOptions.defaults(), new RunListener() {
      @Override public void onLog(LogLine line) { lines.add(line.message().toString()); }
    });
    assertTrue(lines.stream().anyMatch(l -> l.contains("pw is ****")), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.contains("hunter22")), lines.toString());
  }

  @Test
  void memoryBombFailsOnlyItsOwnRun() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      var bomb = pool.submit(() -> run("fn(state => { const a = []; while (true) a.push(new Float64Array(1e7)); });",
          "{}", RunOptions.defaults()));
      // another run keeps being served while (and after) the bomb goes off
      Run other = run("fn(state => ({ ...state, ok: true }));");
      assertTrue(other.result().completed());
      Run r = bomb.get(120, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals("OOMError", r.thrownName(), String.valueOf(r.result().thrown()));
      assertEquals("kill", r.result().reason());
      assertTrue(run("fn(state => ({ ...state, after: true }));").result().completed());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void credentialsResolveLazilyAndAFailedLookupCrashesTheRun() throws Exception {
    ObjectNode plan = JSON.createObjectNode().put("id", "t");
    ObjectNode step = plan.putObject("workflow").putArray("steps").addObject().put("id", "job")
        .put("expression", "fn(state => ({ ...state, user: state.configuration.user }));").put("configuration", "cred-1");
    step.putArray("adaptors").add("@openfn/language-common");
    RunListener.RunResult ok = runtime.executor().execute(PlanParser.parse(plan), null,
        RunOptions.defaults().withCredentialResolver(id -> JSON.createObjectNode().put("user", "u-" + id)), null);
    assertEquals("u-cred-1", ok.result().path("user").asText());
    RunListener.RunResult bad = runtime.executor().execute(PlanParser.parse(plan), null,
        RunOptions.defaults().withCredentialResolver(id -> { throw new IllegalStateException("no such credential"); }), null);
    assertEquals("CredentialLoadError", bad.thrown().path("name").asText());
    assertEquals("crash", bad.reason());
  }
}
