package io.lightningop.operator.channel;

import io.lightningop.operator.ControlPlane;
import io.lightningop.operator.state.CredentialCipher;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;

/**
 * The worker channel as a control-plane extension: mounts {@code /worker/websocket} on the
 * control plane's HTTP server, with the frame limits the protocol needs, over its run queue,
 * database and credential key.
 */
public final class WorkerChannel implements ControlPlane.Extension {

  private final WorkerSecrets secrets;
  private final Duration runGrace;
  private WorkerSocket socket;

  /** @param runGrace Lightning's RUN_GRACE_PERIOD_SECONDS (run tokens live run timeout + grace) */
  public WorkerChannel(WorkerSecrets secrets, Duration runGrace) {
    this.secrets = secrets;
    this.runGrace = runGrace;
  }

  @Override
  public void mount(ControlPlane plane, Router router) {
    socket = new WorkerSocket(plane.vertx(), secrets, plane.database(), plane.queue(),
        new CredentialCipher(plane.encryptionKey()), runGrace).mount(router);
  }

  @Override
  public HttpServerOptions configure(HttpServerOptions options) {
    return WorkerSocket.configure(options);
  }

  /** Workers connected right now (0 before mounting). */
  public int connected() {
    return socket == null ? 0 : socket.connected();
  }

  @Override
  public void close() throws Exception {
    if (socket != null) socket.close();
  }
}
