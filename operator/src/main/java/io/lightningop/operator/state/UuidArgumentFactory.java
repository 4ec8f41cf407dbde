package io.lightningop.operator.state;

import java.sql.Types;
import java.util.UUID;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/** Binds UUIDs natively, and a null UUID as an untyped null so PostgreSQL takes the column's type. */
final class UuidArgumentFactory extends AbstractArgumentFactory<UUID> {
  UuidArgumentFactory() {
    super(Types.OTHER);
  }

  @Override
  protected Argument build(UUID value, ConfigRegistry config) {
    return (position, statement, ctx) -> statement.setObject(position, value);
  }
}
