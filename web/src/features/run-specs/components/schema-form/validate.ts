/**
 * The checks a browser can make from the schema alone: required fields, number ranges and whole
 * numbers, string lengths and patterns, allowed values, list sizes. Cross-field rules (fractions
 * summing to 1, early stopping needing a validation sample) stay with the API, whose answer names
 * the field too.
 */
import { branchOf, type FormNode, isRecord, pathName } from './schema.ts';
import type { Path } from './values.ts';

export interface Issue {
  /** Dotted, as in the API's error details. */
  readonly path: string;
  readonly message: string;
}

export function validate(node: FormNode, value: unknown, path: Path = []): Issue[] {
  const issue = (message: string): Issue[] => [{ path: pathName(path), message }];
  if (value === undefined) return [];
  if (value === null) return node.nullable ? [] : issue('is required');
  switch (node.kind) {
    case 'object':
      if (!isRecord(value)) return issue('must be an object');
      return node.fields.flatMap((field) => {
        const child = value[field.name];
        if (child === undefined || child === '') {
          return field.required && !field.node.hasDefault
            ? [{ path: pathName([...path, field.name]), message: 'is required' }]
            : [];
        }
        return validate(field.node, child, [...path, field.name]);
      });
    case 'union':
      return validate(branchOf(node, value).node, value, path);
    case 'number': {
      const problem = numberProblem(node, value);
      return problem === undefined ? [] : issue(problem);
    }
    case 'string': {
      if (typeof value !== 'string') return issue('must be text');
      if (node.minLength !== undefined && value.length < node.minLength) {
        return issue(node.minLength === 1 ? 'is required' : `must have at least ${node.minLength} characters`);
      }
      if (node.maxLength !== undefined && value.length > node.maxLength) {
        return issue(`must have at most ${node.maxLength} characters`);
      }
      if (node.pattern !== undefined && !new RegExp(node.pattern, 'u').test(value)) {
        return issue(node.format === undefined ? `must match ${node.pattern}` : `must be a valid ${node.format}`);
      }
      return [];
    }
    case 'enum':
      return node.options.includes(String(value)) ? [] : issue(`must be one of ${node.options.join(', ')}`);
    case 'const':
      return value === node.value ? [] : issue(`must be ${String(node.value)}`);
    case 'boolean':
      return typeof value === 'boolean' ? [] : issue('must be true or false');
    case 'array': {
      if (!Array.isArray(value)) return issue('must be a list');
      const size =
        node.minItems !== undefined && value.length < node.minItems
          ? issue(`choose at least ${node.minItems}`)
          : node.maxItems !== undefined && value.length > node.maxItems
            ? issue(`at most ${node.maxItems} allowed`)
            : [];
      return [...size, ...value.flatMap((item, i) => validate(node.item, item, [...path, i]))];
    }
    default:
      return [];
  }
}

function numberProblem(node: FormNode & { kind: 'number' }, value: unknown): string | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) return 'must be a number';
  if (node.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (node.minimum !== undefined && value < node.minimum) return `must be at least ${node.minimum}`;
  if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) {
    return `must be greater than ${node.exclusiveMinimum}`;
  }
  if (node.maximum !== undefined && value > node.maximum) return `must be at most ${node.maximum}`;
  if (node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum) {
    return `must be less than ${node.exclusiveMaximum}`;
  }
  return undefined;
}

/** Every path the form shows a message for (fields and fieldsets), so other API details go by the submit button. */
export function formPaths(node: FormNode, value: unknown, path: Path = []): string[] {
  const here = path.length === 0 ? [] : [pathName(path)];
  switch (node.kind) {
    case 'object':
      return [
        ...here,
        ...node.fields.flatMap((f) =>
          formPaths(f.node, isRecord(value) ? value[f.name] : undefined, [...path, f.name]),
        ),
      ];
    case 'union':
      return [...here, ...formPaths(branchOf(node, value).node, value, path).filter((p) => p !== pathName(path))];
    case 'array':
      return [
        ...here,
        ...(Array.isArray(value) ? value.flatMap((item, i) => formPaths(node.item, item, [...path, i])) : []),
      ];
    default:
      return here;
  }
}
