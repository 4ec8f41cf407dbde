package io.lightningop.runtime.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's lifecycle events, sent strictly one after another (§4.5): each waits for its reply
 * before the next goes out, while the executor keeps running. Error replies are logged and the
 * stream moves on, as ws-worker does; every event is sent once per connection.
 */
final class EventStream {

  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final Event END = new Event(null, null);

  private record Event(String name, JsonNode payload) {}

  private final ClientChannel channel;
  private final Duration timeout;
  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final Thread sender;
  private volatile int errors;

  EventStream(ClientChannel channel, Duration timeout) {
    this.channel = channel;
    this.timeout = timeout;
    this.sender = Thread.ofVirtual().name("events-" + channel.topic()).start(this::drain);
  }

  void send(String event, JsonNode payload) {
    queue.add(new Event(event, payload));
  }

  /** Waits until every queued event has had its reply (or failed). Returns the error count. */
  int finish() throws InterruptedException {
    queue.add(END);
    sender.join();
    return errors;
  }

  private void drain() {
    try {
      for (Event e = queue.take(); e != END; e = queue.take()) {
        try {
          Reply r = channel.call(e.name(), e.payload(), timeout);
          if (!r.ok()) {
            errors++;
            LOG.warn("{} on {} refused: {}", e.name(), channel.topic(), r.response());
          }
        } catch (ChannelException ex) {
          errors++;
          LOG.warn("{}", ex.getMessage());
        }
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }
}
