/**
 * The HTTP error body (CONTRACTS.md) and the one translation of validation issues into its
 * `details`, so every edge reports a bad field the same way.
 */
import { z } from 'zod';

export const ErrorDetail = z
  .strictObject({
    path: z
      .string()
      .describe(
        'Where the problem is, as a dotted path (items by index), e.g. features.2.name; empty for the whole body.',
      ),
    message: z.string().min(1).describe('What is wrong there, for a person.'),
  })
  .meta({ id: 'ErrorDetail', description: 'One problem with one field.' });

export const ErrorResponse = z
  .strictObject({
    error: z.strictObject({
      code: z
        .string()
        .regex(/^[A-Z][A-Z0-9_]*$/)
        .describe('Stable machine-readable code, e.g. VALIDATION_FAILED, NOT_FOUND, CONFLICT.'),
      message: z.string().min(1).describe('One sentence for a person.'),
      details: z.array(ErrorDetail).describe('Per-field problems; empty when none apply.'),
    }),
  })
  .meta({
    id: 'ErrorResponse',
    title: 'ErrorResponse',
    description: 'The body of every 4xx and 5xx answer of the API.',
    examples: [
      {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request body is invalid.',
          details: [{ path: 'model_params.learning_rate', message: 'Too big: expected number to be <=1' }],
        },
      },
    ],
  });

export type ErrorDetail = z.output<typeof ErrorDetail>;

const dotted = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** Validation issues as error details, one per problem; an unknown field is named in the path. */
export function toErrorDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: dotted([...issue.path, key]), message: 'unknown field' }))
      : [{ path: dotted(issue.path), message: issue.message }],
  );
}
