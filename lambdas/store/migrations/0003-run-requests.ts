/**
 * Run requests: the Idempotency-Key of each `POST /runs/execute`, per user, with the run it created.
 * A key names one run for 24 hours; after that the same key may start a new run. Runs are listed
 * by status too, and a run's terminal states never change.
 */
export const statements = [
  `CREATE TABLE run_requests (
  created_by text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 512),
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  run_spec_id uuid NOT NULL REFERENCES run_specs (id),
  run_id uuid NOT NULL REFERENCES runs (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (created_by, idempotency_key)
)`,
  'CREATE INDEX runs_by_status ON runs (status, seq)',
  `CREATE FUNCTION run_is_finished() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') THEN
    RAISE EXCEPTION USING ERRCODE = 'TL409', MESSAGE = format('run %s is %s and cannot change', OLD.id, OLD.status);
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$`,
  `CREATE TRIGGER runs_finished_are_immutable BEFORE UPDATE OR DELETE ON runs
  FOR EACH ROW EXECUTE FUNCTION run_is_finished()`,
];
