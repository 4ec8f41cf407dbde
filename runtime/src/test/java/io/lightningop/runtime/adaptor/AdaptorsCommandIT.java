package io.lightningop.runtime.adaptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AdaptorsCommandIT {
  @TempDir
  Path cache;

  private record Result(int code, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    CommandLine cli = new CommandLine(new AdaptorsCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void installsWithProgressAndLists() {
    Result r = run("install", "--cache", cache.toString(), "http-status-codes@2.3.0");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("installing http-status-codes@2.3.0"), r.out());
    assertTrue(r.out().contains("+ http-status-codes@2.3.0"), r.out());
    assertTrue(r.out().contains("installed http-status-codes@2.3.0 in "), r.out());
    assertTrue(r.out().matches("(?s).*loaded http-status-codes@2\\.3\\.0 in \\d+ ms \\([1-9]\\d* exports\\).*"), r.out());
    assertTrue(Files.isRegularFile(cache.resolve("packages/http-status-codes@2.3.0/package.json")));
    Result list = run("list", "--cache", cache.toString());
    assertEquals("http-status-codes@2.3.0", list.out().trim());
  }

  @Test
  void badInputGetsAClearError() {
    Result r = run("install", "--cache", cache.toString(), "not a package!");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("invalid adaptor specifier 'not a package!'"), r.err());
    Result missing = run("install", "--cache", cache.toString(), "--registry", "http://127.0.0.1:9/", "lodash@4.17.21");
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("cannot install lodash@4.17.21"), missing.err());
  }
}
