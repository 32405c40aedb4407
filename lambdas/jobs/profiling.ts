/**
 * Starting a dataset profile: an asynchronous Lambda invoke (InvocationType Event) of the profiler
 * function. Lambda queues the event, retries a failed run twice and then hands it to the failure
 * destination; locally the same call goes to the local Lambda endpoint.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { z } from 'zod';

/** The event the profiler receives. */
export const ProfileRequest = z.strictObject({ dataset_version_id: z.uuid() });
export type ProfileRequest = z.output<typeof ProfileRequest>;

export interface ProfilingQueue {
  start(request: ProfileRequest): Promise<void>;
}

export class LambdaProfilingQueue implements ProfilingQueue {
  constructor(
    private readonly client: LambdaClient,
    private readonly functionName: string,
  ) {}

  async start(request: ProfileRequest): Promise<void> {
    const answer = await this.client.send(
      new InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(request)),
      }),
    );
    if (answer.StatusCode !== 202) {
      throw new Error(`Lambda answered ${answer.StatusCode} to the async invoke of ${this.functionName}`);
    }
  }
}
