package io.lightningop.operator.git;

/**
 * Credentials for a repository: HTTPS user and password or token, or an SSH private key (OpenSSH
 * or PEM text) checked against {@code knownHosts} (OpenSSH known_hosts text; unknown hosts are
 * refused). All null: anonymous.
 */
public record GitAuth(String username, String password, String sshPrivateKey, String knownHosts) {
  public static final GitAuth NONE = new GitAuth(null, null, null, null);

  public static GitAuth https(String username, String token) {
    return new GitAuth(username == null || username.isEmpty() ? "git" : username, token, null, null);
  }

  public static GitAuth ssh(String privateKey, String knownHosts) {
    return new GitAuth(null, null, privateKey, knownHosts);
  }

  public boolean hasPassword() {
    return password != null;
  }

  public boolean hasSshKey() {
    return sshPrivateKey != null;
  }

  /** Never prints secrets. */
  @Override
  public String toString() {
    return hasSshKey() ? "GitAuth[ssh key]" : hasPassword() ? "GitAuth[https user " + username + "]" : "GitAuth[none]";
  }
}
