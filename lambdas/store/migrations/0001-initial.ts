/**
 * The v0 schema: one table per entity, real columns for identity, relations, status and audit, and
 * jsonb for nested content the API validates with zod. `seq` orders lists and backs their cursors.
 * Triggers refuse edits to committed versions and run specs, whatever the caller.
 */
const audit = `
  created_by text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 512),
  created_at timestamptz NOT NULL DEFAULT now()`;

const mutableAudit = `${audit},
  updated_by text NOT NULL CHECK (length(updated_by) BETWEEN 1 AND 512),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version integer NOT NULL DEFAULT 1 CHECK (row_version >= 1)`;

const name = `name text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,99}$')`;
const tags = `tags jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array')`;
const seq = 'seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE';

/** Datasets, feature sets and models: a unique name, description, tags and a counter of versions. */
const namedTable = (table: string) => `CREATE TABLE ${table} (
  ${seq},
  id uuid PRIMARY KEY,
  ${name},
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  ${tags},
  latest_version integer NOT NULL DEFAULT 0,
  ${mutableAudit}
)`;

/** A trigger function that refuses the change with SQLSTATE TL409, which the store maps to a conflict. */
const refuse = (fn: string, condition: string, message: string) => `
CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF ${condition} THEN
    RAISE EXCEPTION USING ERRCODE = 'TL409', MESSAGE = ${message};
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$`;

export const statements = [
  namedTable('datasets'),
  `CREATE TABLE dataset_versions (
  ${seq},
  id uuid PRIMARY KEY,
  dataset_id uuid NOT NULL REFERENCES datasets (id),
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('PENDING_UPLOAD', 'PROFILING', 'READY', 'FAILED')),
  format text NOT NULL CHECK (format IN ('csv', 'csv.gz', 'parquet')),
  delimiter text CHECK (delimiter IN (',', ';', E'\\t')),
  size_bytes bigint NOT NULL CHECK (size_bytes >= 1),
  storage_uri text NOT NULL,
  as_of date,
  target_column text,
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  row_count bigint,
  columns jsonb,
  profile_uri text,
  failure jsonb,
  ${audit},
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dataset_id, version),
  CHECK (status <> 'READY' OR (sha256 IS NOT NULL AND row_count IS NOT NULL AND columns IS NOT NULL)),
  CHECK ((status = 'FAILED') = (failure IS NOT NULL))
)`,
  refuse(
    'dataset_version_is_committed',
    "OLD.status IN ('READY', 'FAILED')",
    "format('dataset version %s is %s and cannot change', OLD.version, OLD.status)",
  ),
  `CREATE TRIGGER dataset_versions_immutable BEFORE UPDATE OR DELETE ON dataset_versions
  FOR EACH ROW EXECUTE FUNCTION dataset_version_is_committed()`,
  `CREATE TABLE features (
  ${seq},
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z_][A-Za-z0-9_.-]{0,127}$'),
  kind text NOT NULL CHECK (kind IN ('numeric', 'categorical')),
  source_column text NOT NULL,
  definition jsonb NOT NULL,
  ${mutableAudit}
)`,
  namedTable('feature_sets'),
  `CREATE TABLE feature_set_versions (
  ${seq},
  id uuid PRIMARY KEY,
  feature_set_id uuid NOT NULL REFERENCES feature_sets (id),
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
  content jsonb NOT NULL,
  published_by text,
  published_at timestamptz,
  ${mutableAudit},
  UNIQUE (feature_set_id, version),
  CHECK ((status = 'PUBLISHED') = (published_by IS NOT NULL AND published_at IS NOT NULL))
)`,
  refuse(
    'feature_set_version_is_published',
    "OLD.status = 'PUBLISHED'",
    "format('feature-set version %s is published and cannot change', OLD.version)",
  ),
  `CREATE TRIGGER feature_set_versions_immutable BEFORE UPDATE OR DELETE ON feature_set_versions
  FOR EACH ROW EXECUTE FUNCTION feature_set_version_is_published()`,
  `CREATE TABLE run_specs (
  ${seq},
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
  model_name text NOT NULL,
  dataset_version_id uuid NOT NULL REFERENCES dataset_versions (id),
  feature_set_version_id uuid NOT NULL REFERENCES feature_set_versions (id),
  content jsonb NOT NULL,
  ${audit}
)`,
  refuse('run_spec_is_immutable', 'true', "'run specs are immutable: create a new run spec instead'"),
  `CREATE TRIGGER run_specs_immutable BEFORE UPDATE OR DELETE ON run_specs
  FOR EACH ROW EXECUTE FUNCTION run_spec_is_immutable()`,
  namedTable('models'),
  `CREATE TABLE runs (
  ${seq},
  id uuid PRIMARY KEY,
  run_spec_id uuid NOT NULL REFERENCES run_specs (id),
  dataset_version_id uuid NOT NULL REFERENCES dataset_versions (id),
  feature_set_version_id uuid NOT NULL REFERENCES feature_set_versions (id),
  status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
  content jsonb NOT NULL,
  ${audit},
  updated_at timestamptz NOT NULL DEFAULT now()
)`,
  'CREATE INDEX runs_by_run_spec ON runs (run_spec_id, seq)',
  `CREATE TABLE run_events (
  run_id uuid NOT NULL REFERENCES runs (id),
  seq integer NOT NULL CHECK (seq >= 1),
  event jsonb NOT NULL,
  PRIMARY KEY (run_id, seq)
)`,
  `CREATE TABLE model_versions (
  ${seq},
  id uuid PRIMARY KEY,
  model_id uuid NOT NULL REFERENCES models (id),
  version integer NOT NULL CHECK (version >= 1),
  run_id uuid NOT NULL UNIQUE REFERENCES runs (id),
  lineage jsonb NOT NULL,
  stage text NOT NULL DEFAULT 'none' CHECK (stage IN ('none', 'staging', 'production', 'archived')),
  aliases jsonb NOT NULL DEFAULT '[]',
  description text NOT NULL DEFAULT '',
  ${mutableAudit},
  UNIQUE (model_id, version)
)`,
  refuse(
    'model_version_lineage_is_immutable',
    "TG_OP = 'DELETE' OR (NEW.id, NEW.model_id, NEW.version, NEW.run_id, NEW.lineage) IS DISTINCT FROM (OLD.id, OLD.model_id, OLD.version, OLD.run_id, OLD.lineage)",
    "'a model version''s artifact and lineage cannot change; only its stage, aliases and description'",
  ),
  `CREATE TRIGGER model_versions_immutable BEFORE UPDATE OR DELETE ON model_versions
  FOR EACH ROW EXECUTE FUNCTION model_version_lineage_is_immutable()`,
];
