package io.lightningop.operator.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/** The provisioning payload the tests share (one workflow: webhook → 3 jobs). */
public final class Fixtures {
  public static final UUID PROJECT = UUID.fromString("6f1b5c52-0c0d-4d9b-9d9b-6f2a3b1c0001");
  public static final UUID WORKFLOW = UUID.fromString("6f1b5c52-0c0d-4d9b-9d9b-6f2a3b1c0010");
  public static final UUID WEBHOOK = UUID.fromString("6f1b5c52-0c0d-4d9b-9d9b-6f2a3b1c0200");
  public static final UUID FIRST_JOB = UUID.fromString("6f1b5c52-0c0d-4d9b-9d9b-6f2a3b1c0100");
  public static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  public static ObjectNode payload() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/provision/project.json")) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies the fixture project as the platform and returns the applier used. */
  public static ProjectApplier.Result applyProject(Database db) {
    return new ProjectApplier(db).apply(payload(), Actor.platform("test"), "test", null);
  }
}
