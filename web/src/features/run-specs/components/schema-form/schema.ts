/**
 * The JSON Schema walker behind the run-spec form: it turns a (component) schema of the OpenAPI
 * document into a tree of form nodes — objects, numbers, booleans, enums, strings, discriminated
 * unions, arrays — with `$ref`s resolved and nullable variants (`anyOf [X, null]`,
 * `type: [X, "null"]`) folded into a flag. Pure: no DOM, no React.
 */

/** The subset of JSON Schema (2020-12, as zod emits it) that the form understands. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** Where `#/components/schemas/X` references point. */
export type SchemaRegistry = Readonly<Record<string, JsonSchema>>;

interface Common {
  readonly description?: string;
  /** The schema's default, when it declares one. */
  readonly default?: unknown;
  readonly hasDefault: boolean;
  /** null is a valid value. */
  readonly nullable: boolean;
}

export interface ObjectField {
  readonly name: string;
  readonly required: boolean;
  readonly node: FormNode;
}

export type ObjectNode = Common & { readonly kind: 'object'; readonly fields: readonly ObjectField[] };

export interface UnionBranch {
  /** The discriminator's value selecting this branch. */
  readonly value: string;
  readonly description?: string;
  readonly node: ObjectNode;
}

export type FormNode =
  | ObjectNode
  | (Common & {
      readonly kind: 'number';
      readonly integer: boolean;
      readonly minimum?: number;
      readonly maximum?: number;
      readonly exclusiveMinimum?: number;
      readonly exclusiveMaximum?: number;
    })
  | (Common & { readonly kind: 'boolean' })
  | (Common & { readonly kind: 'enum'; readonly options: readonly string[] })
  | (Common & { readonly kind: 'const'; readonly value: unknown })
  | (Common & {
      readonly kind: 'string';
      readonly format?: string;
      readonly pattern?: string;
      readonly minLength?: number;
      readonly maxLength?: number;
    })
  | (Common & { readonly kind: 'union'; readonly discriminator: string; readonly branches: readonly UnionBranch[] })
  | (Common & {
      readonly kind: 'array';
      readonly item: FormNode;
      readonly minItems?: number;
      readonly maxItems?: number;
    })
  | (Common & { readonly kind: 'unknown' });

const REF_PREFIX = '#/components/schemas/';

/** Follows `$ref`s; keywords next to a `$ref` (default, description) win over the target's. */
export function resolveRef(schema: JsonSchema, registry: SchemaRegistry, seen: readonly string[] = []): JsonSchema {
  if (schema.$ref === undefined) return schema;
  if (!schema.$ref.startsWith(REF_PREFIX)) throw new Error(`unsupported $ref ${schema.$ref}`);
  const name = schema.$ref.slice(REF_PREFIX.length);
  if (seen.includes(name)) throw new Error(`circular $ref ${[...seen, name].join(' → ')}`);
  const target = registry[name];
  if (target === undefined) throw new Error(`no schema ${name} for $ref ${schema.$ref}`);
  const { $ref: _ref, ...siblings } = schema;
  return { ...resolveRef(target, registry, [...seen, name]), ...siblings };
}

const isNull = (s: JsonSchema) => s.type === 'null';

/** Builds the form tree of `schema`. */
export function formNode(schema: JsonSchema, registry: SchemaRegistry): FormNode {
  const resolved = resolveRef(schema, registry);
  const common = (s: JsonSchema, nullable: boolean): Common => ({
    ...(s.description === undefined ? {} : { description: s.description }),
    ...('default' in s ? { default: s.default } : {}),
    hasDefault: 'default' in s,
    nullable,
  });

  // anyOf/oneOf with a null member: the other member, nullable.
  const variants = resolved.anyOf ?? resolved.oneOf;
  if (variants?.some(isNull)) {
    const rest = variants.filter((v) => !isNull(v));
    const { anyOf: _a, oneOf: _o, ...outer } = resolved;
    const inner = rest.length === 1 ? (rest[0] as JsonSchema) : { ...outer, oneOf: rest };
    const node = formNode({ ...resolveRef(inner, registry), ...outer }, registry);
    return { ...node, nullable: true };
  }
  if (variants !== undefined) return unionNode(variants, registry, common(resolved, false));

  let nullable = false;
  let type = resolved.type;
  if (Array.isArray(type)) {
    nullable = type.includes('null');
    const others = type.filter((t) => t !== 'null');
    type = others.length === 1 ? others[0] : undefined;
  }
  const base = common(resolved, nullable);
  if (resolved.const !== undefined) return { ...base, kind: 'const', value: resolved.const };
  if (resolved.enum !== undefined) return { ...base, kind: 'enum', options: resolved.enum.map(String) };
  switch (type) {
    case 'object': {
      const required = new Set(resolved.required ?? []);
      const fields = Object.entries(resolved.properties ?? {}).map(([name, property]) => ({
        name,
        required: required.has(name),
        node: formNode(property, registry),
      }));
      return { ...base, kind: 'object', fields };
    }
    case 'number':
    case 'integer':
      return {
        ...base,
        kind: 'number',
        integer: type === 'integer',
        ...pick(resolved, ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']),
      };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'string':
      return { ...base, kind: 'string', ...pick(resolved, ['format', 'pattern', 'minLength', 'maxLength']) };
    case 'array':
      return {
        ...base,
        kind: 'array',
        item: formNode(resolved.items ?? {}, registry),
        ...pick(resolved, ['minItems', 'maxItems']),
      };
    default:
      return { ...base, kind: 'unknown' };
  }
}

/** A oneOf of objects told apart by one required `const` property (e.g. split `method`). */
function unionNode(variants: readonly JsonSchema[], registry: SchemaRegistry, base: Common): FormNode {
  const objects = variants.map((v) => formNode(v, registry));
  if (!objects.every((o): o is ObjectNode => o.kind === 'object')) return { ...base, kind: 'unknown' };
  const first = objects[0];
  const discriminator = first?.fields.find(
    (f) =>
      f.required &&
      f.node.kind === 'const' &&
      objects.every((o) => o.fields.some((g) => g.name === f.name && g.required && g.node.kind === 'const')),
  )?.name;
  if (discriminator === undefined) return { ...base, kind: 'unknown' };
  const branches = objects.map((node) => {
    const tag = node.fields.find((f) => f.name === discriminator)?.node;
    return {
      value: String(tag?.kind === 'const' ? tag.value : ''),
      ...(node.description === undefined ? {} : { description: node.description }),
      node,
    };
  });
  return { ...base, kind: 'union', discriminator, branches };
}

function pick<K extends keyof JsonSchema>(schema: JsonSchema, keys: readonly K[]): Partial<Pick<JsonSchema, K>> {
  const out: Partial<Pick<JsonSchema, K>> = {};
  for (const key of keys) if (schema[key] !== undefined) out[key] = schema[key];
  return out;
}

/** The branch of a union that `value` selects (by its discriminator), or the first. */
export function branchOf(node: FormNode & { kind: 'union' }, value: unknown): UnionBranch {
  const tag = isRecord(value) ? value[node.discriminator] : undefined;
  return node.branches.find((b) => b.value === tag) ?? (node.branches[0] as UnionBranch);
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The dotted path the API's error details use: `model_params.learning_rate`, `evaluation_policy.gates.0.min`. */
export const pathName = (path: readonly (string | number)[]): string => path.join('.');
