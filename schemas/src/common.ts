/**
 * Building blocks shared by every v0 entity: identifiers, instants, names, audit fields and the
 * failure shape. Entities compose these; nothing here knows about a particular entity.
 */
import { z } from 'zod';

export const Uuid = z.uuid().describe('A UUID (RFC 9562), hex digits with hyphens.');

export const VersionNumber = z
  .int()
  .min(1)
  .describe('Per-parent version number: 1, 2, … in creation order under the same parent.');

export const RowVersion = z
  .int()
  .min(1)
  .describe(
    'Optimistic-concurrency counter: 1 on creation, +1 on every accepted update. Updates must ' +
      'present the row version they read (If-Match); a stale one is refused.',
  );

export const Timestamp = z.iso
  .datetime()
  .describe('An instant in UTC, ISO 8601 with a Z suffix, e.g. 2026-11-26T10:15:30.123Z.');

export const IsoDate = z.iso.date().describe('A calendar date, ISO 8601 (YYYY-MM-DD).');

export const UserId = z
  .string()
  .min(1)
  .max(512)
  .describe(
    "Who acted: the Cognito user's sub for web users, the IAM userArn for signed CLI calls, " +
      'or the verified local key / dev user name in the local cloud.',
  );

export const Name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, {
    message: 'must be 1–100 characters of a–z, 0–9, ".", "_" or "-", starting with a letter or digit',
  })
  .describe('A URL-safe name: lower-case letters, digits, ".", "_" and "-", at most 100.');

export const Description = z.string().max(4000).default('').describe('Free text for people; may be empty.');

export const Tags = z.array(z.string().min(1).max(64)).max(50).default([]).describe('Labels for search and grouping.');

export const ColumnName = z
  .string()
  .min(1)
  .max(256)
  .describe('A column name exactly as it appears in the dataset header.');

export const Sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lower-case hex digits' })
  .describe('A SHA-256 digest, 64 lower-case hex digits.');

export const S3Uri = z
  .string()
  .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/\S+$/, {
    message: 'must be an s3://bucket/key URI',
  })
  .describe('An S3 object or prefix URI: s3://bucket/key.');

export const Location = z
  .string()
  .min(1)
  .max(2048)
  .describe('Where bytes live: an s3://bucket/key URI in the pipeline, or a local file path in standalone runner use.');

export const Failure = z
  .strictObject({
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, { message: 'must be UPPER_SNAKE_CASE' })
      .describe('Stable machine-readable reason, UPPER_SNAKE_CASE (e.g. RAGGED_ROW, TRAINING_FAILED).'),
    message: z
      .string()
      .min(1)
      .max(4000)
      .describe('What went wrong, for a person: where (line, column, step) and what to do about it.'),
  })
  .meta({ id: 'Failure', title: 'Failure', description: 'Why something ended in failure.' });

/** Audit fields of every mutable entity. */
export const mutableAudit = {
  created_by: UserId,
  created_at: Timestamp,
  updated_by: UserId,
  updated_at: Timestamp,
  row_version: RowVersion,
};

/** Audit fields of entities that never change after creation. */
export const immutableAudit = {
  created_by: UserId,
  created_at: Timestamp,
};

/**
 * A refinement that reports every item whose key repeats an earlier one, at that item (or at its
 * `field`). JSON Schema cannot say this, so every schema that uses it states the rule in its
 * description.
 */
export function uniqueBy<T>(key: (item: T) => string, what: string, field?: string) {
  return (items: T[], ctx: z.RefinementCtx): void => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) {
        const path = field === undefined ? [index] : [index, field];
        ctx.addIssue({ code: 'custom', path, message: `duplicate ${what} "${value}"` });
      }
      seen.add(value);
    });
  };
}

/** An example from a schema's metadata (the first by default), so one document's example can embed another's. */
export function exampleOf<T extends z.ZodType>(schema: T, index = 0): z.output<T> {
  const example = (schema.meta()?.examples as Array<z.output<T>> | undefined)?.[index];
  if (example === undefined) throw new Error(`schema ${schema.meta()?.id ?? '(unnamed)'} has no example ${index}`);
  return example;
}
