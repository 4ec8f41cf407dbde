package io.lightningop.operator.trigger;

import com.cronutils.model.time.ExecutionTime;
import io.lightningop.operator.state.Database;
import io.lightningop.operator.state.Dataclips;
import io.lightningop.operator.state.WorkOrders;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cron triggers (spec §5.3): once a minute, every enabled cron trigger of a live workflow whose
 * expression matches that minute (UTC) gets one work order. The {@code cron_ticks} primary key
 * makes the tick happen once even when several control planes run the scheduler.
 */
public final class CronScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CronScheduler.class);
  private static final com.cronutils.parser.CronParser CRON = new com.cronutils.parser.CronParser(
      com.cronutils.model.definition.CronDefinitionBuilder.instanceDefinitionFor(com.cronutils.model.CronType.UNIX));

  private final Jdbi jdbi;
  private final WorkOrders workOrders;
  private ScheduledExecutorService timer;

  public CronScheduler(Database database, WorkOrders workOrders) {
    this.jdbi = database.jdbi();
    this.workOrders = workOrders;
  }

  /** Ticks at the start of every minute from now on. */
  public synchronized void start() {
    if (timer != null) return;
    timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("cron-scheduler").unstarted(r));
    long now = System.currentTimeMillis();
    long delay = 60_000 - now % 60_000;
    timer.scheduleAtFixedRate(() -> {
      try {
        tick(Instant.now());
      } catch (RuntimeException e) {
        LOG.error("cron tick failed", e);
      }
    }, delay, 60_000, TimeUnit.MILLISECONDS);
  }

  /**
   * Fires the triggers due in the minute containing {@code at}.
   * @return work orders this call created (another replica may have taken some ticks)
   */
  public List<UUID> tick(Instant at) {
    Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
    ZonedDateTime zoned = minute.atZone(ZoneOffset.UTC);
    List<Due> due = jdbi.withHandle(h -> h.createQuery("""
            SELECT t.id, t.cron_expression FROM triggers t JOIN workflows w ON w.id = t.workflow_id
            WHERE t.type = 'cron' AND t.enabled AND w.deleted_at IS NULL AND t.cron_expression IS NOT NULL""")
        .map((rs, c) -> new Due(rs.getObject("id", UUID.class), rs.getString("cron_expression")))
        .list());
    List<UUID> created = new ArrayList<>();
    for (Due d : due) {
      boolean matches;
      try {
        matches = ExecutionTime.forCron(CRON.parse(d.expression())).isMatch(zoned);
      } catch (IllegalArgumentException e) {
        LOG.warn("cron trigger {} has an unreadable expression; skipped", d.trigger());
        continue;
      }
      if (!matches) continue;
      UUID wo = jdbi.inTransaction(h -> fire(h, d.trigger(), minute));
      if (wo != null) created.add(wo);
    }
    return created;
  }

  private UUID fire(Handle h, UUID trigger, Instant minute) {
    int claimed = h.createUpdate("INSERT INTO cron_ticks (trigger_id, tick_at) VALUES (:t, :at) ON CONFLICT DO NOTHING")
        .bind("t", trigger).bind("at", OffsetDateTime.ofInstant(minute, ZoneOffset.UTC)).execute();
    if (claimed == 0) return null; // another replica fired this tick
    var target = h.createQuery("""
            SELECT t.workflow_id, w.project_id, t.cron_cursor_job_id,
                   (SELECT s.id FROM project_snapshots s WHERE s.project_id = w.project_id ORDER BY s.version DESC LIMIT 1) AS snapshot
            FROM triggers t JOIN workflows w ON w.id = t.workflow_id WHERE t.id = :t""")
        .bind("t", trigger)
        .map((rs, c) -> new Target(rs.getObject("workflow_id", UUID.class), rs.getObject("project_id", UUID.class),
            rs.getObject("cron_cursor_job_id", UUID.class), rs.getObject("snapshot", UUID.class)))
        .one();
    UUID input = lastSuccessfulOutput(h, trigger, target.cursorJob());
    if (input == null) input = Dataclips.insert(h, target.project(), "global", "{}", null);
    WorkOrders.Created wo = workOrders.createWorkOrder(h, target.workflow(), target.snapshot(), trigger, input);
    h.createUpdate("UPDATE cron_ticks SET work_order_id = :wo WHERE trigger_id = :t AND tick_at = :at")
        .bind("wo", wo.workOrderId()).bind("t", trigger).bind("at", OffsetDateTime.ofInstant(minute, ZoneOffset.UTC)).execute();
    return wo.workOrderId();
  }

  /**
   * The state carried between ticks: the newest successful output of the cursor job when one is
   * set, else the final state of the newest successful run this trigger started.
   */
  private static UUID lastSuccessfulOutput(Handle h, UUID trigger, UUID cursorJob) {
    if (cursorJob != null) {
      return h.createQuery("""
              SELECT s.output_dataclip_id FROM steps s JOIN dataclips d ON d.id = s.output_dataclip_id
              WHERE s.job_id = :j AND s.exit_reason = 'success' AND d.wiped_at IS NULL
              ORDER BY s.finished_at DESC NULLS LAST LIMIT 1""")
          .bind("j", cursorJob).mapTo(UUID.class).findOne().orElse(null);
    }
    return h.createQuery("""
            SELECT r.final_dataclip_id FROM runs r JOIN dataclips d ON d.id = r.final_dataclip_id
            WHERE r.starting_trigger_id = :t AND r.state = 'success' AND d.wiped_at IS NULL
            ORDER BY r.finished_at DESC NULLS LAST LIMIT 1""")
        .bind("t", trigger).mapTo(UUID.class).findOne().orElse(null);
  }

  private record Due(UUID trigger, String expression) {}

  private record Target(UUID workflow, UUID project, UUID cursorJob, UUID snapshot) {}

  @Override
  public synchronized void close() {
    if (timer != null) timer.shutdownNow();
    timer = null;
  }
}
