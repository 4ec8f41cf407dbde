package io.lightningop.spec.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StateJsonTest {

  @Test
  void exampleStateRoundTripsByteForByte() throws Exception {
    Path file = Path.of("..", "examples", "openhie", "projectState.json");
    String original = Files.readString(file);
    assertEquals(original, ProjectState.read(file).toJson());
  }

  @Test
  void writesLikeJsonStringifyWithTwoSpaces() throws Exception {
    String compact = "{\"b\":{},\"a\":[],\"n\":[1,2.5,null,true],\"s\":\"x\\\"y\\u0001\\n\\u2028é\"}";
    assertEquals("""
        {
          "b": {},
          "a": [],
          "n": [
            1,
            2.5,
            null,
            true
          ],
          "s": "x\\"y\\u0001\\n\u2028é"
        }""", StateJson.stringify(StateJson.parse(compact)));
  }

  @Test
  void ordersIndexLikeKeysFirstAsJavaScriptDoes() throws Exception {
    String json = "{\"z\":1,\"10\":2,\"2\":3,\"02\":4,\"a\":5}";
    assertEquals("{\"2\":3,\"10\":2,\"z\":1,\"02\":4,\"a\":5}",
        StateJson.stringify(StateJson.parse(json)).replaceAll("\\s", ""));
  }

  @Test
  void formatsNumbersAsJavaScript() {
    assertEquals("1", StateJson.jsNumber(1.0));
    assertEquals("0.1", StateJson.jsNumber(0.1));
    assertEquals("1e+21", StateJson.jsNumber(1e21));
    assertEquals("100000000000000000000", StateJson.jsNumber(1e20));
    assertEquals("1e-7", StateJson.jsNumber(1e-7));
    assertEquals("0.000001", StateJson.jsNumber(1e-6));
    assertEquals("-1.5e-10", StateJson.jsNumber(-1.5e-10));
    assertEquals("123.456", StateJson.jsNumber(123.456));
  }

  @Test
  void rejectsStateThatIsNotAnObject() {
    DeployError e = assertThrows(DeployError.class, () -> ProjectState.parse("[1]"));
    assertEquals(DeployError.STATE_ERROR, e.code());
    DeployError bad = assertThrows(DeployError.class, () -> ProjectState.parse("{\"id\": }"));
    assertEquals(DeployError.STATE_ERROR, bad.code());
  }
}
