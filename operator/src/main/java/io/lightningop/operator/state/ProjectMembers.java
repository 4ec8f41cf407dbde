package io.lightningop.operator.state;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Who may read a project: superusers and the project's members (any role). */
public final class ProjectMembers {
  private final Jdbi jdbi;

  public ProjectMembers(Database database) {
    this.jdbi = database.jdbi();
  }

  public boolean canRead(UUID projectId, Actor actor) {
    if (actor.superuser()) return true;
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM project_members WHERE project_id = :p AND email = :e")
        .bind("p", projectId).bind("e", actor.email()).mapTo(Long.class).one() > 0);
  }

  public void add(UUID projectId, String email, String role) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO project_members (project_id, email, role) VALUES (:p, :e, :r)
            ON CONFLICT (project_id, email) DO UPDATE SET role = EXCLUDED.role""")
        .bind("p", projectId).bind("e", email).bind("r", role).execute());
  }
}
