package io.lightningop.operator.state;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Tells subscribers, on any control-plane replica, that some project was applied or removed
 * (PostgreSQL NOTIFY on commit). The Kubernetes drift observer uses it to compare Project
 * resources with the live state within seconds of a change made through another path.
 */
public final class ProjectChangeListener implements AutoCloseable {
  static final String CHANNEL = "project_changed";
  private final WorkAvailableListener listener;

  public ProjectChangeListener(Database database) {
    this.listener = new WorkAvailableListener(database.dataSource(), CHANNEL);
  }

  /** Calls {@code subscriber} on a background thread after each batch of project changes. */
  public AutoCloseable subscribe(Runnable subscriber) {
    return listener.add(subscriber);
  }

  /** Sent inside the applying transaction, so subscribers hear of it only once it commits. */
  static void notify(Handle h, UUID projectId) {
    h.execute("SELECT pg_notify('" + CHANNEL + "', ?)", projectId.toString());
  }

  @Override
  public void close() {
    listener.close();
  }
}
