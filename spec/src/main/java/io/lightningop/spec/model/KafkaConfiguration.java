package io.lightningop.spec.model;

import java.util.List;

/** Kafka trigger settings as written in the spec: hosts as {@code "host:port"} strings. */
public record KafkaConfiguration(
    List<String> hosts,
    List<String> topics,
    String initialOffsetResetPolicy,
    Integer connectTimeout) {

  public KafkaConfiguration {
    hosts = Maps.copy(hosts);
    topics = Maps.copy(topics);
  }
}
