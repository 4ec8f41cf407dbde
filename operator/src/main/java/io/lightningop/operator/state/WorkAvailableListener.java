package io.lightningop.operator.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on a PostgreSQL channel on one dedicated connection and calls subscribers once per
 * batch of notifications, so a burst of enqueued runs becomes one wake-up. Started lazily by the
 * first subscriber; reconnects after a lost connection.
 */
final class WorkAvailableListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkAvailableListener.class);

  private final DataSource dataSource;
  private final String channel;
  private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
  private Thread thread;
  private volatile boolean closed;

  WorkAvailableListener(DataSource dataSource, String channel) {
    this.dataSource = dataSource;
    this.channel = channel;
  }

  synchronized AutoCloseable add(Runnable subscriber) {
    subscribers.add(subscriber);
    if (thread == null && !closed) {
      thread = Thread.ofPlatform().daemon().name(channel + "-listener").start(this::loop);
    }
    return () -> subscribers.remove(subscriber);
  }

  private void loop() {
    while (!closed) {
      try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
        st.execute("LISTEN " + channel);
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] batch = pg.getNotifications(500);
          if (batch != null && batch.length > 0) {
            for (Runnable s : subscribers) {
              try {
                s.run();
              } catch (RuntimeException e) {
                LOG.warn("work-available subscriber failed", e);
              }
            }
          }
        }
      } catch (SQLException e) {
        if (closed) return;
        LOG.warn("work-available listener lost its connection, retrying: {}", e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = thread;
    }
    if (t != null) {
      try {
        t.join(2000); // the poll wakes every 500 ms; returning its connection before the pool closes
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
