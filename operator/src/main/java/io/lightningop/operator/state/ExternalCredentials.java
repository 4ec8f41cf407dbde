package io.lightningop.operator.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Credentials whose secret lives outside the database, e.g. in a Kubernetes Secret. The database
 * keeps only a reference (the credential's body, under its own {@code schema}); whoever owns that
 * schema registers a resolver, and the worker channel resolves the reference when a run fetches
 * the credential, so the secret is never copied into the database.
 */
public final class ExternalCredentials {
  /** Schemas of external credentials start with this, so a stored reference is never served as the secret. */
  public static final String EXTERNAL_PREFIX = "external:";
  private static final Map<String, Function<JsonNode, Optional<JsonNode>>> RESOLVERS = new ConcurrentHashMap<>();

  private ExternalCredentials() {}

  /** Resolves bodies stored with {@code schema}; close the handle to stop. */
  public static AutoCloseable register(String schema, Function<JsonNode, Optional<JsonNode>> resolver) {
    RESOLVERS.put(schema, resolver);
    return () -> RESOLVERS.remove(schema, resolver);
  }

  /**
   * The body a run gets for a stored credential: the stored body itself, or for an external
   * schema what its resolver reads now (empty when the secret is gone or nobody resolves the schema).
   */
  public static Optional<JsonNode> resolve(String schema, JsonNode stored) {
    if (schema == null || !schema.startsWith(EXTERNAL_PREFIX)) {
      return Optional.ofNullable(stored);
    }
    Function<JsonNode, Optional<JsonNode>> resolver = RESOLVERS.get(schema);
    return resolver == null ? Optional.empty() : resolver.apply(stored);
  }
}
