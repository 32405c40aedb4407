/** Translations of store refusals into domain errors with messages for people. */
import { ImmutableRecord, UniqueViolation } from '../store/errors.ts';
import { InvalidCursor } from '../store/pagination.ts';
import { ConflictError, invalidField } from './errors.ts';

/** Runs a store call, turning a taken unique name into a conflict that names it. */
export async function uniqueName<T>(call: () => Promise<T>, what: string, name: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof UniqueViolation) {
      throw new ConflictError(`A ${what} named "${name}" already exists.`, [
        { path: 'name', message: `"${name}" is taken` },
      ]);
    }
    throw error;
  }
}

/** Runs a store call, turning a trigger's refusal to change a committed record into a conflict. */
export async function mutable<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ImmutableRecord) throw new ConflictError(`${error.message}.`);
    throw error;
  }
}

/** Runs a list call, turning a cursor that is not ours into a field error. */
export async function listing<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof InvalidCursor) throw invalidField('cursor', error.message);
    throw error;
  }
}
