package io.lightningop.operator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lightningop.operator.state.Actor;
import io.lightningop.operator.state.ProjectApplier;
import io.lightningop.operator.state.ProjectMembers;
import io.lightningop.operator.state.ProjectReader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** OpenFn's provisioning API (spec §3): what {@code openfn deploy} and {@code openfn pull} talk to. */
final class ProvisionRouter {
  private final ProjectApplier applier;
  private final ProjectReader reader;
  private final ProjectMembers members;

  ProvisionRouter(ProjectApplier applier, ProjectReader reader, ProjectMembers members) {
    this.applier = applier;
    this.reader = reader;
    this.members = members;
  }

  void mount(Router router) {
    router.get("/api/provision/yaml").handler(this::showYaml); // before :id, so "yaml" is not an id
    router.get("/api/provision/:id").handler(this::show);
    router.post("/api/provision").handler(this::create);
  }

  private void show(RoutingContext ctx) {
    Responses.blocking(ctx, () -> {
      readable(ctx, ctx.pathParam("id")).ifPresent(doc -> Responses.json(ctx, 200, Map.of("data", doc)));
      return null;
    });
  }

  private void showYaml(RoutingContext ctx) {
    Responses.blocking(ctx, () -> {
      readable(ctx, ctx.queryParams().get("id")).ifPresent(doc ->
          ctx.response().setStatusCode(200).putHeader("content-type", "text/yaml; charset=utf-8").end(ProvisionYaml.write(doc)));
      return null;
    });
  }

  private Optional<JsonNode> readable(RoutingContext ctx, String rawId) {
    UUID id;
    try {
      id = UUID.fromString(rawId == null ? "" : rawId);
    } catch (IllegalArgumentException e) {
      Responses.error(ctx, 404, "Not Found");
      return Optional.empty();
    }
    Optional<com.fasterxml.jackson.databind.node.ObjectNode> doc = reader.read(id);
    if (doc.isEmpty()) {
      Responses.error(ctx, 404, "Not Found");
      return Optional.empty();
    }
    if (!members.canRead(id, BearerAuth.actor(ctx))) {
      Responses.error(ctx, 403, "Forbidden");
      return Optional.empty();
    }
    return Optional.of(doc.get());
  }

  private void create(RoutingContext ctx) {
    Actor actor = BearerAuth.actor(ctx);
    JsonNode payload;
    try {
      payload = Responses.JSON.readTree(ctx.body().asString() == null ? "" : ctx.body().asString());
    } catch (JsonProcessingException e) {
      throw new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (payload == null || payload.isMissingNode()) throw new BadRequestException("the body is empty; send the project as JSON");
    Responses.blocking(ctx, () -> {
      ProjectApplier.Result result = applier.apply(payload, actor, "api", null);
      JsonNode doc = reader.read(result.projectId()).orElseThrow();
      ctx.response().putHeader("location", "/api/provision/" + result.projectId());
      Responses.json(ctx, 201, Map.of("data", doc));
      return null;
    });
  }
}
