/**
 * Applies the schema migrations in order, each in one transaction with its bookkeeping row, under
 * an advisory lock so concurrent starts (a deploy and a local start, two local starts) serialise.
 * Idempotent: applied migrations are skipped, and an applied migration whose text changed is an error.
 */
import { createHash } from 'node:crypto';
import type { Database } from './data-api.ts';
import { migrations as all, type Migration } from './migrations/index.ts';

/** Any fixed number: the key of the advisory lock all migrators take. */
const LOCK_KEY = 7_242_001;

export const checksumOf = (migration: Migration): string => createHash('sha256').update(migration.sql).digest('hex');

export interface MigrationReport {
  readonly applied: string[];
  readonly alreadyApplied: string[];
}

export async function migrate(db: Database, migrations: readonly Migration[] = all): Promise<MigrationReport> {
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  await db.transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock(:key)', { key: LOCK_KEY });
    await sql.execute(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  for (const migration of migrations) {
    const checksum = checksumOf(migration);
    await db.transaction(async (sql) => {
      await sql.query('SELECT pg_advisory_xact_lock(:key)', { key: LOCK_KEY });
      const [done] = await sql.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE id = :id', {
        id: migration.id,
      });
      if (done !== undefined) {
        if (done.checksum !== checksum) {
          throw new Error(
            `migration ${migration.id} was applied with checksum ${done.checksum}, but its text now hashes to ` +
              `${checksum}: released migrations must not change; add a new one instead`,
          );
        }
        report.alreadyApplied.push(migration.id);
        return;
      }
      for (const statement of migration.statements) await sql.execute(statement);
      await sql.execute('INSERT INTO schema_migrations (id, checksum) VALUES (:id, :checksum)', {
        id: migration.id,
        checksum,
      });
      report.applied.push(migration.id);
    });
  }
  return report;
}
