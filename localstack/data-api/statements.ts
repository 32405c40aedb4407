/**
 * Runs ExecuteStatement and BatchExecuteStatement on one connection and shapes their results.
 * Several statements in one `sql` run when it has no placeholders (PostgreSQL's simple protocol,
 * one implicit transaction); the response describes the last one. With placeholders the extended
 * protocol refuses a second statement, as pgJDBC's prepared statements do in Aurora.
 */
import type { FieldDef, QueryArrayResult } from 'pg';
import type { Session } from './databases.ts';
import { columnMetadata } from './metadata.ts';
import { type BoundStatement, bindStatement } from './parameters.ts';
import type { BatchRequest, ExecuteRequest } from './requests.ts';
import { type ResultSetOptions, toField, toJsonValue } from './values.ts';
import { type WireObject, type WireValue, writeJson } from './wire-json.ts';

type Row = Array<string | null>;

async function run(session: Session, statement: BoundStatement): Promise<QueryArrayResult<Row>> {
  const result = await session.client.query<Row>({ text: statement.text, values: statement.values, rowMode: 'array' });
  const results = result as unknown as QueryArrayResult<Row> | QueryArrayResult<Row>[];
  const last = Array.isArray(results) ? results[results.length - 1] : results;
  if (last === undefined) throw new Error('PostgreSQL returned no result');
  await session.catalog.load(
    session.client,
    last.fields.map((f) => f.dataTypeID),
  );
  return last;
}

/** pgJDBC's update count: rows changed by a statement without a result set, else 0. */
const updateCount = (result: QueryArrayResult<Row>) => (result.fields.length > 0 ? 0 : (result.rowCount ?? 0));

function formattedRecords(result: QueryArrayResult<Row>, session: Session, options: ResultSetOptions): string {
  const keys = result.fields.map((f: FieldDef) => JSON.stringify(f.name));
  const rows = result.rows.map((row) => {
    const pairs = row.map((text, i) => {
      const field = result.fields[i] as FieldDef;
      return `${keys[i]}:${writeJson(toJsonValue(text, field.dataTypeID, session.catalog, options))}`;
    });
    return `{${pairs.join(',')}}`;
  });
  return `[${rows.join(',')}]`;
}

export async function executeStatement(session: Session, request: ExecuteRequest): Promise<WireObject> {
  const result = await run(session, bindStatement(request.sql, request.parameters));
  const options = request.resultSetOptions;
  const response: Record<string, WireValue> = { numberOfRecordsUpdated: updateCount(result), generatedFields: [] };
  if (result.fields.length === 0) return response;
  if (request.formatRecordsAs === 'JSON') {
    response.formattedRecords = formattedRecords(result, session, options);
  } else {
    response.records = result.rows.map((row) =>
      row.map((text, i) => toField(text, (result.fields[i] as FieldDef).dataTypeID, session.catalog, options)),
    );
  }
  if (request.includeResultMetadata) {
    response.columnMetadata = await columnMetadata(session.client, result.fields, session.catalog);
  }
  return response;
}

const defaultOptions: ResultSetOptions = { decimalReturnType: 'STRING', longReturnType: 'LONG' };

/**
 * Runs the statement once per parameter set, in the caller's transaction. With RETURNING, each
 * update result's generatedFields hold the first returned row, as Aurora reports generated keys.
 */
export async function executeBatch(session: Session, request: BatchRequest): Promise<WireObject> {
  const statements = request.parameterSets.map((set) => bindStatement(request.sql, set));
  const updateResults: WireObject[] = [];
  for (const statement of statements) {
    const result = await run(session, statement);
    const [first] = result.rows;
    const generatedFields =
      first === undefined
        ? []
        : first.map((text, i) =>
            toField(text, (result.fields[i] as FieldDef).dataTypeID, session.catalog, defaultOptions),
          );
    updateResults.push({ generatedFields });
  }
  return { updateResults };
}
