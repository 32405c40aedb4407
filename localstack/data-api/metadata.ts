/**
 * `columnMetadata` as Aurora PostgreSQL reports it through pgJDBC's ResultSetMetaData: name and
 * label are the column label, typeName the pg type (`int4`, `timestamptz`, `_text`), type the
 * java.sql.Types code, nullable 0 for NOT NULL table columns and 1 otherwise, schemaName empty
 * (pgJDBC's getSchemaName), tableName the base table when the column comes from one.
 */
import type { FieldDef, PoolClient } from 'pg';
import { isCaseSensitive, isSigned, jdbcType, precisionOf, scaleOf, type TypeCatalog } from './pg-types.ts';
import type { WireObject } from './wire-json.ts';

interface TableColumn {
  readonly table: string;
  readonly notNull: boolean;
}

async function tableColumns(client: PoolClient, fields: readonly FieldDef[]): Promise<Map<string, TableColumn>> {
  const tables = [...new Set(fields.map((f) => f.tableID).filter((id) => id !== 0))];
  const found = new Map<string, TableColumn>();
  if (tables.length === 0) return found;
  const { rows } = await client.query<{ attrelid: string; attnum: string; relname: string; attnotnull: string }>({
    text: `SELECT a.attrelid, a.attnum, c.relname, a.attnotnull
             FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0`,
    values: [`{${tables.join(',')}}`],
  });
  for (const r of rows) found.set(`${r.attrelid}:${r.attnum}`, { table: r.relname, notNull: r.attnotnull === 't' });
  return found;
}

export async function columnMetadata(
  client: PoolClient,
  fields: readonly FieldDef[],
  catalog: TypeCatalog,
): Promise<WireObject[]> {
  const columns = await tableColumns(client, fields);
  return fields.map((field) => {
    const oid = field.dataTypeID;
    const type = catalog.get(oid);
    const array = catalog.isArray(oid);
    const base = catalog.resolve(array ? catalog.resolve(oid).elem : oid).oid;
    const column = columns.get(`${field.tableID}:${field.columnID}`);
    return {
      name: field.name,
      type: jdbcType(catalog, oid),
      typeName: type.name,
      label: field.name,
      schemaName: '',
      tableName: column?.table ?? '',
      isAutoIncrement: false,
      isSigned: isSigned(base),
      isCurrency: type.name === 'money',
      isCaseSensitive: isCaseSensitive(base),
      nullable: column?.notNull ? 0 : 1,
      precision: precisionOf(base, field.dataTypeModifier),
      scale: scaleOf(base, field.dataTypeModifier),
      arrayBaseColumnType: array ? jdbcType(catalog, catalog.resolve(oid).elem) : 0,
    };
  });
}
