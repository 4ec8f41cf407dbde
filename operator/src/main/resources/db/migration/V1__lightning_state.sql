-- Lightning state. Names follow Lightning's tables where one exists, so its semantics carry over.

CREATE TABLE projects (
  id               uuid PRIMARY KEY,
  name             text NOT NULL,
  description      text,
  retention_policy text NOT NULL DEFAULT 'retain_all',
  concurrency      integer,
  inserted_at      timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- One row per applied version of a project; `document` is the project as served by
-- GET /api/provision/:id, so a run can be planned from the snapshot it was created with.
CREATE TABLE project_snapshots (
  id              uuid PRIMARY KEY,
  project_id      uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  version         integer NOT NULL,
  content_hash    text NOT NULL,
  source          text NOT NULL,
  source_revision text,
  applied_by      text NOT NULL,
  document        jsonb NOT NULL,
  inserted_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, version)
);

CREATE TABLE project_members (
  project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  email      text NOT NULL,
  role       text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
  PRIMARY KEY (project_id, email)
);

CREATE TABLE workflows (
  id           uuid PRIMARY KEY,
  project_id   uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name         text NOT NULL,
  concurrency  integer,
  lock_version integer NOT NULL DEFAULT 1,
  deleted_at   timestamptz,
  inserted_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE UNIQUE INDEX workflows_live_name ON workflows (project_id, name) WHERE deleted_at IS NULL;

-- Secrets: `body_encrypted` is AES-GCM under PRIMARY_ENCRYPTION_KEY; never stored in clear.
CREATE TABLE credentials (
  id             uuid PRIMARY KEY,
  name           text NOT NULL,
  owner          text NOT NULL,
  schema         text NOT NULL DEFAULT 'raw',
  body_encrypted bytea NOT NULL,
  inserted_at    timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner, name)
);

CREATE TABLE project_credentials (
  id            uuid PRIMARY KEY,
  project_id    uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  credential_id uuid NOT NULL REFERENCES credentials (id),
  inserted_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (project_id, credential_id)
);

CREATE TABLE jobs (
  id                    uuid PRIMARY KEY,
  workflow_id           uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  name                  text NOT NULL,
  adaptor               text NOT NULL,
  body                  text NOT NULL,
  project_credential_id uuid REFERENCES project_credentials (id),
  inserted_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at            timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- deferred so one apply may swap two job names
  UNIQUE (workflow_id, name) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE triggers (
  id                  uuid PRIMARY KEY,
  workflow_id         uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  type                text NOT NULL CHECK (type IN ('webhook', 'cron', 'kafka')),
  enabled             boolean NOT NULL DEFAULT false,
  cron_expression     text,
  cron_cursor_job_id  uuid REFERENCES jobs (id) ON DELETE SET NULL,
  webhook_reply       text,
  custom_path         text UNIQUE,
  kafka_configuration jsonb,
  inserted_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at          timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE edges (
  id                   uuid PRIMARY KEY,
  workflow_id          uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  source_job_id        uuid REFERENCES jobs (id) ON DELETE CASCADE,
  source_trigger_id    uuid REFERENCES triggers (id) ON DELETE CASCADE,
  target_job_id        uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  condition_type       text NOT NULL,
  condition_label      text,
  condition_expression text,
  enabled              boolean NOT NULL DEFAULT true,
  inserted_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK ((source_job_id IS NULL) <> (source_trigger_id IS NULL))
);

-- Webhook auth methods (Lightning: per project, many-to-many with triggers). Only hashes of
-- the secrets are kept: a webhook request is checked, never answered with them.
CREATE TABLE webhook_auth_methods (
  id          uuid PRIMARY KEY,
  project_id  uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name        text NOT NULL,
  auth_type   text NOT NULL CHECK (auth_type IN ('api', 'basic')),
  secret_hash bytea NOT NULL,
  inserted_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE trigger_webhook_auth_methods (
  trigger_id     uuid NOT NULL REFERENCES triggers (id) ON DELETE CASCADE,
  auth_method_id uuid NOT NULL REFERENCES webhook_auth_methods (id) ON DELETE CASCADE,
  PRIMARY KEY (trigger_id, auth_method_id)
);

CREATE TABLE dataclips (
  id          uuid PRIMARY KEY,
  project_id  uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  type        text NOT NULL CHECK (type IN ('http_request', 'global', 'step_result', 'saved_input', 'kafka')),
  body        jsonb,
  request     jsonb,
  wiped_at    timestamptz,
  inserted_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX dataclips_body_search ON dataclips USING gin (to_tsvector('simple', coalesce(body::text, '')));

CREATE TABLE work_orders (
  id            uuid PRIMARY KEY,
  workflow_id   uuid NOT NULL REFERENCES workflows (id),
  snapshot_id   uuid NOT NULL REFERENCES project_snapshots (id),
  trigger_id    uuid REFERENCES triggers (id) ON DELETE SET NULL,
  dataclip_id   uuid REFERENCES dataclips (id),
  state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('rejected', 'pending', 'running', 'success',
                  'failed', 'crashed', 'cancelled', 'killed', 'exception', 'lost')),
  last_activity timestamptz NOT NULL DEFAULT clock_timestamp(),
  inserted_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX work_orders_workflow ON work_orders (workflow_id, inserted_at);
CREATE INDEX work_orders_listing ON work_orders (inserted_at, id);

CREATE TABLE runs (
  id                  uuid PRIMARY KEY,
  work_order_id       uuid NOT NULL REFERENCES work_orders (id) ON DELETE CASCADE,
  snapshot_id         uuid NOT NULL REFERENCES project_snapshots (id),
  starting_trigger_id uuid REFERENCES triggers (id) ON DELETE SET NULL,
  starting_job_id     uuid REFERENCES jobs (id) ON DELETE SET NULL,
  dataclip_id         uuid NOT NULL REFERENCES dataclips (id),
  final_dataclip_id   uuid REFERENCES dataclips (id),
  created_by          text,
  options             jsonb NOT NULL DEFAULT '{}',
  state               text NOT NULL DEFAULT 'available' CHECK (state IN ('available', 'claimed', 'started', 'success',
                        'failed', 'crashed', 'cancelled', 'killed', 'exception', 'lost')),
  error_type          text,
  priority            smallint NOT NULL DEFAULT 1,
  queue               text NOT NULL DEFAULT 'default',
  worker_name         text,
  claimed_at          timestamptz,
  started_at          timestamptz,
  finished_at         timestamptz,
  lease_expires_at    timestamptz,
  inserted_at         timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX runs_available ON runs (priority, inserted_at, id) WHERE state = 'available';
CREATE INDEX runs_unfinished_lease ON runs (lease_expires_at) WHERE state IN ('claimed', 'started');
CREATE INDEX runs_work_order ON runs (work_order_id, inserted_at);

CREATE TABLE steps (
  id                 uuid PRIMARY KEY,
  job_id             uuid REFERENCES jobs (id) ON DELETE SET NULL,
  snapshot_id        uuid REFERENCES project_snapshots (id),
  input_dataclip_id  uuid REFERENCES dataclips (id),
  output_dataclip_id uuid REFERENCES dataclips (id),
  exit_reason        text,
  error_type         text,
  error_message      text,
  started_at         timestamptz,
  finished_at        timestamptz,
  inserted_at        timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE run_steps (
  run_id  uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_id uuid NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
  PRIMARY KEY (run_id, step_id)
);

CREATE TABLE log_lines (
  id        uuid PRIMARY KEY,
  run_id    uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_id   uuid REFERENCES steps (id) ON DELETE CASCADE,
  source    text,
  level     text,
  message   text NOT NULL,
  timestamp timestamptz NOT NULL
);
CREATE INDEX log_lines_run ON log_lines (run_id, timestamp, id);
CREATE INDEX log_lines_search ON log_lines USING gin (to_tsvector('simple', message));

CREATE TABLE audit_events (
  id          uuid PRIMARY KEY,
  item_type   text NOT NULL,
  item_id     uuid NOT NULL,
  event       text NOT NULL,
  actor       text NOT NULL,
  changes     jsonb NOT NULL DEFAULT '{}',
  inserted_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX audit_events_item ON audit_events (item_type, item_id, inserted_at);

-- Bearer tokens for the provisioning and read APIs; only a SHA-256 of each token is stored.
CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY,
  name         text NOT NULL,
  owner_email  text NOT NULL,
  superuser    boolean NOT NULL DEFAULT false,
  token_hash   bytea NOT NULL UNIQUE,
  inserted_at  timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);

-- One row per cron tick: the primary key is what keeps several replicas from firing twice.
CREATE TABLE cron_ticks (
  trigger_id    uuid NOT NULL REFERENCES triggers (id) ON DELETE CASCADE,
  tick_at       timestamptz NOT NULL,
  work_order_id uuid REFERENCES work_orders (id) ON DELETE SET NULL,
  PRIMARY KEY (trigger_id, tick_at)
);
