package io.lightningop.spec.model;

/**
 * A job. {@code credential} is a key of the project's {@code credentials} map, not an id.
 * {@code credentialGiven} records whether the YAML had a {@code credential:} key at all, because
 * deploy writes {@code project_credential_id: null} for {@code credential: null} but omits the
 * field when the key is absent.
 */
public record Job(
    String key,
    String name,
    String adaptor,
    JobBody body,
    String credential,
    boolean credentialGiven) {

  /** The adaptor Lightning assumes when a job names none. */
  public static final String DEFAULT_ADAPTOR = "@openfn/language-common@latest";

  public Job(String key, String name, String adaptor, JobBody body, String credential) {
    this(key, name, adaptor, body, credential, credential != null);
  }

  /** The job's code, or null when the body is missing. */
  public String bodyText() {
    return body == null ? null : body.content();
  }
}
