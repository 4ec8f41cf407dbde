package io.lightningop.operator.k8s;

/** The API group and version every Lightning custom resource is served under. */
public final class ApiGroup {
  public static final String GROUP = "lightningop.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  private ApiGroup() {}
}
