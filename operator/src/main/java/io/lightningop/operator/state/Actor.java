package io.lightningop.operator.state;

/**
 * Who applies or reads a project. API callers are users identified by their token; a
 * {@code platform} actor is the operator itself applying a trusted source (custom resource,
 * git, {@code lightning up}), which may link credentials of any owner.
 */
public record Actor(String email, boolean superuser, boolean platform) {
  public static Actor user(String email, boolean superuser) {
    return new Actor(email, superuser, false);
  }

  public static Actor platform(String name) {
    return new Actor(name, true, true);
  }
}
