/** Per-parent version numbers (1, 2, …) shared by dataset and feature-set versions. */
import { type Sql, uuid } from './data-api.ts';
import { intColumn } from './rows.ts';

/**
 * Claims the next version number of a parent inside the caller's transaction (the row lock
 * serialises concurrent creators); undefined when the parent does not exist.
 */
export async function claimNextVersion(
  sql: Sql,
  parentTable: 'datasets' | 'feature_sets',
  parentId: string,
): Promise<number | undefined> {
  const [row] = await sql.query(
    `UPDATE ${parentTable} SET latest_version = latest_version + 1 WHERE id = :id RETURNING latest_version`,
    { id: uuid(parentId) },
  );
  return row === undefined ? undefined : intColumn(row.latest_version);
}
