/** What every field of a schema form reads: its message, blur tracking, and custom controls by path. */
import { createContext, type ReactNode, useContext } from 'react';
import type { FormNode } from './schema.ts';
import type { Path } from './values.ts';

export interface FieldProps {
  readonly node: FormNode;
  readonly path: Path;
  /** The property name, shown as the label (the API's name for it). */
  readonly name: string;
  readonly required: boolean;
  readonly value: unknown;
  readonly onChange: (value: unknown) => void;
  readonly onBlur: () => void;
  readonly error: string | undefined;
}

/** A control for one path in place of the one the schema implies (e.g. a version picker for a uuid). */
export type FieldRenderer = (props: FieldProps) => ReactNode;

export interface SchemaFormState {
  /** The message to show for a dotted path: the form's own check once touched, else the API's. */
  readonly errorFor: (path: string) => string | undefined;
  readonly touch: (path: string) => void;
  readonly renderers: Readonly<Record<string, FieldRenderer>>;
}

export const SchemaFormContext = createContext<SchemaFormState>({
  errorFor: () => undefined,
  touch: () => {},
  renderers: {},
});

export const useSchemaForm = () => useContext(SchemaFormContext);

/** `model_params` → `Model params`: legends of groups read as words. */
export const humanize = (name: string) => {
  const words = name.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
