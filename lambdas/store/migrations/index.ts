/**
 * The ordered list of schema migrations. A migration is never edited once released: a change is a
 * new migration appended here. `sql` is what the deploy-time custom resource hashes.
 */
import { statements as initial } from './0001-initial.ts';
import { statements as datasetUploads } from './0002-dataset-uploads.ts';
import { statements as runRequests } from './0003-run-requests.ts';

export interface Migration {
  readonly id: string;
  readonly statements: readonly string[];
  /** The statements as one text, for checksums and reading. */
  readonly sql: string;
}

const migration = (id: string, statements: readonly string[]): Migration => ({
  id,
  statements,
  sql: `${statements.join(';\n\n')};\n`,
});

export const migrations: readonly Migration[] = [
  migration('0001-initial', initial),
  migration('0002-dataset-uploads', datasetUploads),
  migration('0003-run-requests', runRequests),
];
