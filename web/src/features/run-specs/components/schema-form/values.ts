/**
 * Form values of a schema tree: the schema's defaults (nested defaults included, as the API would
 * apply them), a given document completed with them, and immutable reads and writes at a path.
 */
import { branchOf, type FormNode, isRecord } from './schema.ts';

/** What the form starts with: the schema's default, completed with nested defaults. */
export function defaultValue(node: FormNode): unknown {
  if (node.hasDefault) return withDefaults(node, node.default);
  switch (node.kind) {
    case 'const':
      return node.value;
    case 'object':
      return withDefaults(node, {});
    case 'union':
      return withDefaults(node, { [node.discriminator]: node.branches[0]?.value });
    case 'array':
      return [];
    default:
      return undefined;
  }
}

/** `value` with every field it leaves out given its default (a duplicated spec, a union's new branch). */
export function withDefaults(node: FormNode, value: unknown): unknown {
  if (value === undefined) return defaultValue(node);
  if (value === null) return null;
  switch (node.kind) {
    case 'object': {
      if (!isRecord(value)) return value;
      const out: Record<string, unknown> = {};
      for (const field of node.fields) {
        const filled = withDefaults(field.node, value[field.name]);
        if (filled !== undefined) out[field.name] = filled;
      }
      return out;
    }
    case 'union':
      return withDefaults(branchOf(node, value).node, value);
    case 'array':
      return Array.isArray(value) ? value.map((item) => withDefaults(node.item, item)) : value;
    default:
      return value;
  }
}

export type Path = readonly (string | number)[];

export function getAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isRecord(current)) current = current[String(key)];
    else return undefined;
  }
  return current;
}

/** A copy of `root` with `value` at `path` (undefined removes an object key); untouched branches are shared. */
export function setAt(root: unknown, path: Path, value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (typeof key === 'number') {
    const list = Array.isArray(root) ? [...root] : [];
    list[key] = setAt(list[key], rest, value);
    return list;
  }
  const record = isRecord(root) ? { ...root } : {};
  const next = setAt(record[key], rest, value);
  if (next === undefined) delete record[key];
  else record[key] = next;
  return record;
}
