/**
 * The names a local function answers to, as Lambda's Invoke accepts them: the logical id, its local
 * name (what `Ref` of the function resolves to in other functions' environments), a partial ARN
 * (`<account>:function:<name>`) or a full ARN, each optionally with the `$LATEST` qualifier. There
 * are no versions or aliases locally: any other qualifier names nothing.
 */
import { type LocalAccount, localName } from '../cdk-out/intrinsics.ts';

const IDENTIFIER =
  /^(?:arn:aws[a-z-]*:lambda:(?<region>[a-z0-9-]+):)?(?:(?<account>\d{12}):function:)?(?<name>[A-Za-z0-9_-]+)(?::(?<qualifier>[A-Za-z0-9$_-]+))?$/;

/** `arn:aws:lambda:<region>:<account>:function:<local name>`, as GetAtt Arn resolves locally. */
export const functionArn = (account: LocalAccount, logicalId: string): string =>
  `arn:aws:lambda:${account.region}:${account.accountId}:function:${localName(account, logicalId)}`;

/**
 * The logical id of the function an Invoke names, or undefined when it names none here. `qualifier`
 * is the request's `Qualifier` query parameter, if any.
 */
export function resolveFunction(
  account: LocalAccount,
  logicalIds: readonly string[],
  identifier: string,
  qualifier?: string,
): string | undefined {
  const m = IDENTIFIER.exec(identifier)?.groups;
  if (m === undefined) return undefined;
  if (m.region !== undefined && m.region !== account.region) return undefined;
  if (m.account !== undefined && m.account !== account.accountId) return undefined;
  for (const q of [m.qualifier, qualifier]) if (q !== undefined && q !== '$LATEST') return undefined;
  const name = m.name as string;
  return logicalIds.find((id) => id === name) ?? logicalIds.find((id) => localName(account, id) === name);
}
