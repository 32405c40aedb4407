/**
 * The RunPipeline state machine through the real Step Functions client: one execution per run,
 * named after the run id, so its ARN follows from the run id alone. Locally only the endpoint
 * differs (AWS_ENDPOINT_URL_SFN).
 */
import {
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';

export type { HistoryEvent };

export class Executions {
  constructor(
    private readonly client: SFNClient,
    readonly stateMachineArn: string,
  ) {}

  static fromEnvironment(stateMachineArn: string): Executions {
    return new Executions(new SFNClient({}), stateMachineArn);
  }

  /** arn:…:stateMachine:<name> → arn:…:execution:<name>:<run id>. */
  arnOf(runId: string): string {
    return `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${runId}`;
  }

  /**
   * Starts the run's execution. Starting it again is a no-op: AWS answers the same ARN while it
   * runs, and ExecutionAlreadyExists once it has ended (the name is the run's for 90 days).
   */
  async start(runId: string): Promise<string> {
    try {
      const out = await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: runId,
          input: JSON.stringify({ run_id: runId }),
        }),
      );
      if (out.executionArn === undefined) throw new Error('StartExecution returned no executionArn');
      return out.executionArn;
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return this.arnOf(runId);
      throw error;
    }
  }

  /** Stops the run's execution; false when there is none. */
  async stop(runId: string, cause: string): Promise<boolean> {
    try {
      await this.client.send(
        new StopExecutionCommand({ executionArn: this.arnOf(runId), error: 'RunCancelled', cause }),
      );
      return true;
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return false;
      throw error;
    }
  }

  /** Every event of the run's execution, oldest first; empty when it has none. */
  async history(runId: string): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const out = await this.client.send(
          new GetExecutionHistoryCommand({ executionArn: this.arnOf(runId), maxResults: 1000, nextToken }),
        );
        events.push(...(out.events ?? []));
        nextToken = out.nextToken;
      } while (nextToken !== undefined);
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return [];
      throw error;
    }
    return events;
  }
}

/** The execution's page in the AWS Step Functions console. */
export function consoleUrl(executionArn: string): string {
  const region = executionArn.split(':')[3] ?? 'us-east-1';
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}
