package io.lightningop.operator.k8s.workerpool;

/**
 * What a worker needs to talk to the control plane, in the form of Lightning's environment
 * variables: the shared HS256 secret ({@code WORKER_SECRET}) and the base64 PEM public key that
 * verifies run tokens ({@code WORKER_LIGHTNING_PUBLIC_KEY}).
 */
public record WorkerKeys(String workerSecret, String lightningPublicKey) {
  public WorkerKeys {
    if (workerSecret == null || workerSecret.isBlank()) {
      throw new IllegalArgumentException("WORKER_SECRET is empty");
    }
  }

  @Override
  public String toString() {
    return "WorkerKeys[secret=***, publicKey=" + (lightningPublicKey == null ? "none" : "set") + "]";
  }
}
