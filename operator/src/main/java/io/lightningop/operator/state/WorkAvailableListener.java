package io.lightningop.operator.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on a PostgreSQL channel on one dedicated connection and calls subscribers once per
 * batch of notifications, so a burst of enqueued runs becomes one wake-up. Started lazily by the
 * first subscriber, which returns only once LISTEN is active (so no change committed after it is
 * missed); reconnects after a lost connection and then wakes subscribers once, since
 * notifications sent while it was away are gone.
 */
final class WorkAvailableListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkAvailableListener.class);

  private final DataSource dataSource;
  private final String channel;
  private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
  private final CountDownLatch listening = new CountDownLatch(1);
  private Thread thread;
  private volatile boolean closed;

  WorkAvailableListener(DataSource dataSource, String channel) {
    this.dataSource = dataSource;
    this.channel = channel;
  }

  AutoCloseable add(Runnable subscriber) {
    synchronized (this) {
      subscribers.add(subscriber);
      if (thread == null && !closed) {
        thread = Thread.ofPlatform().daemon().name(channel + "-listener").start(this::loop);
      }
    }
    try {
      if (!listening.await(30, TimeUnit.SECONDS)) {
        LOG.warn("LISTEN {} is not active yet; changes made before it is may only be seen at the next resync", channel);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return () -> subscribers.remove(subscriber);
  }

  private void loop() {
    boolean reconnected = false;
    while (!closed) {
      try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
        st.execute("LISTEN " + channel);
        listening.countDown();
        PGConnection pg = c.unwrap(PGConnection.class);
        if (reconnected) wake(); // what was sent while the connection was down is lost
        while (!closed) {
          PGNotification[] batch = pg.getNotifications(500);
          if (batch != null && batch.length > 0) wake();
        }
      } catch (SQLException e) {
        if (closed) return;
        reconnected = true;
        LOG.warn("work-available listener lost its connection, retrying: {}", e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  private void wake() {
    for (Runnable s : subscribers) {
      try {
        s.run();
      } catch (RuntimeException e) {
        LOG.warn("{} subscriber failed", channel, e);
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
