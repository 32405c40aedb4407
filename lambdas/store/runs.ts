/**
 * Runs: created by `POST /runs/execute`, moved along by the pipeline, read by the API. Identity,
 * references, status and audit are columns; the rest of the Run document is jsonb. Every status
 * change is conditional on the status it leaves, so a cancelled run is never revived by a late
 * pipeline step; a trigger refuses any change to a finished run.
 */
import { noRunArtifacts, type Run } from '@talaty/schemas';
import { type Database, json, type Sql, uuid } from './data-api.ts';
import { listPage, type Page, type PageRequest } from './pagination.ts';
import { isoTimestamp, jsonColumn, text } from './rows.ts';

export type RunStatus = Run['status'];

/** The statuses a run can still leave; every other one is final. */
export const ACTIVE_STATUSES: readonly RunStatus[] = ['QUEUED', 'RUNNING'];
export const isActive = (status: RunStatus): boolean => ACTIVE_STATUSES.includes(status);

const columns =
  'seq, id, run_spec_id, dataset_version_id, feature_set_version_id, status, content, created_by, created_at, updated_at';

function toRun(row: Record<string, unknown>): Run {
  return {
    ...jsonColumn<Record<string, unknown>>(row.content),
    id: text(row.id),
    run_spec_id: text(row.run_spec_id),
    dataset_version_id: text(row.dataset_version_id),
    feature_set_version_id: text(row.feature_set_version_id),
    status: text(row.status),
    created_by: text(row.created_by),
    created_at: isoTimestamp(row.created_at),
    updated_at: isoTimestamp(row.updated_at),
  } as Run;
}

/** What a new run pins. */
export interface NewRun {
  readonly id: string;
  readonly run_spec_id: string;
  readonly dataset_version_id: string;
  readonly feature_set_version_id: string;
  readonly dataset_sha256: string | null;
}

/** The statuses a run can be in, as one SQL literal list (fixed strings, never input). */
const statusList = (statuses: readonly RunStatus[]) => statuses.map((s) => `'${s}'`).join(', ');

export class RunStore {
  constructor(private readonly db: Database) {}

  /** Runs `work` in one transaction (see Database.transaction). */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async get(id: string, sql: Sql = this.db): Promise<Run | undefined> {
    const [row] = await sql.query(`SELECT ${columns} FROM runs WHERE id = :id`, { id: uuid(id) });
    return row === undefined ? undefined : toRun(row);
  }

  /** The run, locked until the transaction ends. */
  async lock(id: string, sql: Sql): Promise<Run | undefined> {
    const [row] = await sql.query(`SELECT ${columns} FROM runs WHERE id = :id FOR UPDATE`, { id: uuid(id) });
    return row === undefined ? undefined : toRun(row);
  }

  async list(request: PageRequest): Promise<Page<Run>> {
    return listPage(this.db, 'runs', columns, request, toRun);
  }

  /** Inserts a QUEUED run. */
  async insert(run: NewRun, by: string, sql: Sql = this.db): Promise<Run> {
    const content = {
      dataset_sha256: run.dataset_sha256,
      execution_arn: null,
      console_url: null,
      runner_digest: null,
      gate_outcome: null,
      gates: [],
      metrics_summary: null,
      artifacts: noRunArtifacts,
      model_version_id: null,
      failure: null,
      started_at: null,
      finished_at: null,
    };
    const [row] = await sql.query(
      `INSERT INTO runs (id, run_spec_id, dataset_version_id, feature_set_version_id, status, content, created_by)
       VALUES (:id, :run_spec_id, :dataset_version_id, :feature_set_version_id, 'QUEUED', :content, :by)
       RETURNING ${columns}`,
      {
        id: uuid(run.id),
        run_spec_id: uuid(run.run_spec_id),
        dataset_version_id: uuid(run.dataset_version_id),
        feature_set_version_id: uuid(run.feature_set_version_id),
        content: json(content),
        by,
      },
    );
    if (row === undefined) throw new Error('INSERT INTO runs returned no row');
    return toRun(row);
  }

  /**
   * Moves the run to `to` and merges `patch` into its document, if it is in one of `from`; the
   * changed run, or undefined when its status was another. `patch.artifacts` merges key by key.
   */
  async transition(
    id: string,
    from: readonly RunStatus[],
    to: RunStatus,
    patch: Readonly<Record<string, unknown>>,
    sql: Sql = this.db,
  ): Promise<Run | undefined> {
    const { artifacts, ...rest } = patch;
    const [row] = await sql.query(
      `UPDATE runs SET status = :to, updated_at = now(),
         content = content || CAST(:patch AS jsonb)
           || jsonb_build_object('artifacts', (content -> 'artifacts') || CAST(:artifacts AS jsonb))
       WHERE id = :id AND status IN (${statusList(from)})
       RETURNING ${columns}`,
      { id: uuid(id), to, patch: json(rest), artifacts: json(artifacts ?? {}) },
    );
    return row === undefined ? undefined : toRun(row);
  }

  /** Records the run id an idempotency key made, unless the key already names a run of the last 24 h. */
  async claimRequest(
    by: string,
    key: string,
    runSpecId: string,
    runId: string,
    sql: Sql,
  ): Promise<{ readonly claimed: boolean }> {
    const rows = await sql.query(
      `INSERT INTO run_requests (created_by, idempotency_key, run_spec_id, run_id)
       VALUES (:by, :key, :spec, :run)
       ON CONFLICT (created_by, idempotency_key) DO UPDATE
         SET run_spec_id = EXCLUDED.run_spec_id, run_id = EXCLUDED.run_id, created_at = now()
         WHERE run_requests.created_at < now() - interval '24 hours'
       RETURNING run_id`,
      { by, key, spec: uuid(runSpecId), run: uuid(runId) },
    );
    return { claimed: rows.length > 0 };
  }

  /** The run an idempotency key of this user names (within 24 h), with the run spec it was for. */
  async request(by: string, key: string): Promise<{ runId: string; runSpecId: string } | undefined> {
    const [row] = await this.db.query(
      `SELECT run_id, run_spec_id FROM run_requests
       WHERE created_by = :by AND idempotency_key = :key AND created_at >= now() - interval '24 hours'`,
      { by, key },
    );
    return row === undefined ? undefined : { runId: text(row.run_id), runSpecId: text(row.run_spec_id) };
  }
}
