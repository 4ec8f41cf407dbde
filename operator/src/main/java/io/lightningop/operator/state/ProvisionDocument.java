package io.lightningop.operator.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/**
 * A project as POSTed to {@code /api/provision} (spec §2.4/§3.5): every record carries its id;
 * a child with {@code delete: true} is removed. Fields a client left out are {@code null} and
 * keep their current value on update (Lightning casts only the fields it receives).
 */
public record ProvisionDocument(
    UUID id, String name, String description, boolean descriptionGiven,
    List<Workflow> workflows, List<ProjectCredential> projectCredentials) {

  public record Workflow(UUID id, String name, boolean delete, List<Job> jobs, List<Trigger> triggers, List<Edge> edges) {}

  public record Job(UUID id, boolean delete, String name, String adaptor, String body,
      UUID projectCredentialId, boolean credentialGiven) {}

  public record Trigger(UUID id, boolean delete, String type, Boolean enabled, String cronExpression,
      UUID cronCursorJobId, String webhookReply, JsonNode kafkaConfiguration) {}

  public record Edge(UUID id, boolean delete, UUID sourceJobId, UUID sourceTriggerId, UUID targetJobId,
      String conditionType, String conditionLabel, String conditionExpression, Boolean enabled) {}

  public record ProjectCredential(UUID id, String name, String owner) {}
}
