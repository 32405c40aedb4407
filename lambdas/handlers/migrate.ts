/**
 * The deploy-time migration function, behind a CloudFormation custom resource (the Provider
 * framework calls it with the resource event). Create and Update apply pending migrations; Delete
 * leaves the database alone. The local cloud invokes the same bundle at start.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { migrate } from '../store/migrate.ts';
import { database } from './database.ts';

export const PHYSICAL_ID = 'talaty-schema-migrations';

export async function handler(event: CloudFormationCustomResourceEvent) {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const report = await migrate(database);
  process.stdout.write(`${JSON.stringify({ level: 'INFO', message: 'migrations', ...report })}\n`);
  return {
    PhysicalResourceId: PHYSICAL_ID,
    Data: { Applied: report.applied.join(','), AlreadyApplied: report.alreadyApplied.join(',') },
  };
}
