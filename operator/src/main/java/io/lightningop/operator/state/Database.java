package io.lightningop.operator.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lightning state database: a connection pool with the schema migrated. Either an embedded
 * PostgreSQL whose data folder survives restarts, or an external server ({@code DATABASE_URL});
 * everything above this class is the same code path for both.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final EmbeddedPostgres embedded;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final DatabaseUrl url;

  private Database(EmbeddedPostgres embedded, DatabaseUrl url, int poolSize) {
    this.embedded = embedded;
    this.url = url;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url.jdbcUrl());
    if (url.user() != null) config.setUsername(url.user());
    if (url.password() != null) config.setPassword(url.password());
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("lightning-state");
    this.dataSource = new HikariDataSource(config);
    try {
      Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.jdbi = Jdbi.create(dataSource);
    jdbi.registerArgument(new UuidArgumentFactory());
  }

  /** Starts (or restarts) an embedded PostgreSQL keeping its data in {@code dataDir}. */
  public static Database embedded(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .start();
      LOG.info("embedded PostgreSQL started on port {} with data in {}", pg.getPort(), dataDir);
      try {
        return new Database(pg, new DatabaseUrl(pg.getJdbcUrl("postgres", "postgres"), null, null), 16);
      } catch (RuntimeException e) {
        pg.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Connects to an existing server and migrates its schema. */
  public static Database connect(DatabaseUrl url) {
    return connect(url, 16);
  }

  public static Database connect(DatabaseUrl url, int poolSize) {
    LOG.info("using PostgreSQL at {}", url);
    return new Database(null, url, poolSize);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  /** Readiness: the database answers a trivial query within a second. */
  public boolean isReady() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return url.toString();
  }
}
