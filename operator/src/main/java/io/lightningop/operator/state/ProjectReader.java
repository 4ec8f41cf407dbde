package io.lightningop.operator.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reads a project as the provisioning API serves it. */
public final class ProjectReader {
  private final Jdbi jdbi;

  public ProjectReader(Database database) {
    this.jdbi = database.jdbi();
  }

  public Optional<ObjectNode> read(UUID projectId) {
    return jdbi.withHandle(h -> ProjectDocuments.read(h, projectId));
  }
}
