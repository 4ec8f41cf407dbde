package io.lightningop.spec.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes JSON exactly as OpenFn's CLI does: {@code JSON.parse} on the way in,
 * {@code JSON.stringify(value, null, 2)} on the way out (2-space indent, {@code "key": value},
 * JavaScript number formatting and property order, no trailing newline).
 */
public final class StateJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private StateJson() {}

  public static JsonNode parse(String json) throws JsonProcessingException {
    return MAPPER.readTree(json);
  }

  public static JsonNode read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  public static void write(Path file, JsonNode value) throws IOException {
    Files.writeString(file, stringify(value), StandardCharsets.UTF_8);
  }

  /** {@code JSON.stringify(value, null, 2)}. */
  public static String stringify(JsonNode value) {
    StringBuilder out = new StringBuilder();
    write(out, value, "");
    return out.toString();
  }

  private static void write(StringBuilder out, JsonNode v, String indent) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      out.append("null");
    } else if (v.isObject()) {
      if (v.isEmpty()) {
        out.append("{}");
        return;
      }
      String inner = indent + "  ";
      out.append("{\n");
      boolean first = true;
      for (String k : JsObjects.keys(v)) {
        if (!first) out.append(",\n");
        first = false;
        out.append(inner);
        quote(out, k);
        out.append(": ");
        write(out, v.get(k), inner);
      }
      out.append('\n').append(indent).append('}');
    } else if (v.isArray()) {
      if (v.isEmpty()) {
        out.append("[]");
        return;
      }
      String inner = indent + "  ";
      out.append("[\n");
      for (int i = 0; i < v.size(); i++) {
        if (i > 0) out.append(",\n");
        out.append(inner);
        write(out, v.get(i), inner);
      }
      out.append('\n').append(indent).append(']');
    } else if (v.isTextual()) {
      quote(out, v.textValue());
    } else if (v.isBoolean()) {
      out.append(v.booleanValue());
    } else if (v.isIntegralNumber() && v.canConvertToLong()
        && Math.abs(v.longValue()) <= (1L << 53)) {
      out.append(v.longValue());
    } else if (v.isNumber()) {
      out.append(jsNumber(v.doubleValue()));
    } else {
      quote(out, v.asText());
    }
  }

  /** JavaScript's Number::toString for finite doubles; NaN and infinities become null. */
  static String jsNumber(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) return "null";
    if (d == 0) return "0";
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int k = digits.length();
    int n = k - bd.scale(); // value = 0.digits × 10^n
    StringBuilder s = new StringBuilder(d < 0 ? "-" : "");
    if (k <= n && n <= 21) {
      s.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      s.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      s.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      int e = n - 1;
      s.append(digits.charAt(0));
      if (k > 1) s.append('.').append(digits, 1, k);
      s.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
    return s.toString();
  }

  /** JSON.stringify string quoting (well-formed variant: lone surrogates escaped). */
  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
              out.append(c).append(s.charAt(++i));
            } else {
              out.append(String.format("\\u%04x", (int) c));
            }
          } else if (Character.isLowSurrogate(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
