import type { MigrationContext } from "../../../../mixins/db/migrations";

export async function up({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    CREATE TABLE platform.audit_log (
      id          bigserial PRIMARY KEY,
      at          timestamptz NOT NULL DEFAULT now(),
      user_id     integer,
      user_email  text,
      action      text NOT NULL,
      entity      text NOT NULL,
      entity_id   text,
      details     jsonb NOT NULL DEFAULT '{}',
      request_id  text,
      prev_hash   text NOT NULL,
      hash        text NOT NULL
    );
    CREATE INDEX audit_entity_idx ON platform.audit_log (entity, entity_id);
    -- Append-only: changing history needs a deliberate ALTER TABLE ... DISABLE TRIGGER, and the hash chain shows it.
    CREATE FUNCTION platform.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON platform.audit_log
      FOR EACH ROW EXECUTE FUNCTION platform.audit_log_append_only();

    CREATE TABLE platform.outbox (
      id            bigserial PRIMARY KEY,
      event_id      uuid NOT NULL UNIQUE,
      event_type    text NOT NULL,
      envelope      jsonb NOT NULL,
      created_at    timestamptz NOT NULL DEFAULT now(),
      published_at  timestamptz,
      attempts      integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error    text,
      dead          boolean NOT NULL DEFAULT false
    );
    CREATE INDEX outbox_pending_idx ON platform.outbox (next_attempt_at) WHERE published_at IS NULL AND NOT dead;
    CREATE TABLE platform.event_subscriptions (
      event_type  text NOT NULL,
      action      text NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_type, action)
    );
    CREATE TABLE platform.outbox_deliveries (
      event_id      uuid NOT NULL,
      action        text NOT NULL,
      delivered_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, action)
    );
    CREATE TABLE platform.processed_events (
      consumer     text NOT NULL,
      event_id     uuid NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    );

    CREATE TABLE platform.jobs (
      name             text PRIMARY KEY,
      service          text NOT NULL,
      schedule         text NOT NULL,
      enabled          boolean NOT NULL DEFAULT true,
      next_run_at      timestamptz NOT NULL,
      last_run_at      timestamptz,
      last_status      text,
      last_error       text,
      last_duration_ms integer,
      attempts         integer NOT NULL DEFAULT 0,
      locked_until     timestamptz,
      locked_by        text,
      updated_at       timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE platform.job_runs (
      id           bigserial PRIMARY KEY,
      name         text NOT NULL,
      node         text,
      started_at   timestamptz NOT NULL,
      finished_at  timestamptz NOT NULL,
      status       text NOT NULL,
      error        text,
      result       jsonb
    );
    CREATE INDEX job_runs_name_idx ON platform.job_runs (name, started_at DESC);
  `);
}

export async function down({ context: { sequelize } }: { context: MigrationContext }) {
  await sequelize.query(`
    DROP TABLE IF EXISTS platform.job_runs, platform.jobs, platform.processed_events, platform.outbox_deliveries,
      platform.event_subscriptions, platform.outbox, platform.audit_log;
    DROP FUNCTION IF EXISTS platform.audit_log_append_only();
  `);
}
