/**
 * Where a run's outputs go (under outputs.run_prefix and outputs.report_prefix) and which of them
 * have been written: RunResult.artifacts lists only what actually exists. The log goes to
 * logs/runner.jsonl; the artifact `logs` is the logs/ prefix, which also holds the task output
 * its parent captures.
 */
import { noRunArtifacts, type RunResult } from '@talaty/schemas';
import { type Locations, locationIn } from '../io/location.ts';

export type Artifacts = RunResult['artifacts'];
type Written = Exclude<keyof Artifacts, 'manifest'>;

export class RunOutputs {
  readonly uris: Readonly<Record<Written, string>>;
  private readonly logsPrefix: string;
  private readonly written: Artifacts;

  constructor(
    private readonly locations: Locations,
    outputs: { run_prefix: string; report_prefix: string },
    manifestLocation: string,
  ) {
    const run = (name: string) => locationIn(outputs.run_prefix, name);
    this.uris = {
      model: run('model.json'),
      metrics: run('metrics.json'),
      result: run('result.json'),
      report: locationIn(outputs.report_prefix, 'report.html'),
      logs: run('logs/runner.jsonl'),
      predictions: run('predictions.csv.gz'),
      explanations: run('explanations.csv.gz'),
    };
    this.logsPrefix = run('logs/');
    this.written = { ...noRunArtifacts, manifest: manifestLocation };
  }

  /** The artifacts written so far. */
  artifacts(): Artifacts {
    return { ...this.written };
  }

  /** Removes a result.json left by an earlier attempt, so none exists until this one commits. */
  async clearResult(): Promise<void> {
    await this.locations.remove(this.uris.result);
  }

  /** The artifact's URI as RunResult records it. */
  recorded(name: Written): string {
    return name === 'logs' ? this.logsPrefix : this.uris[name];
  }

  async document(name: Written, body: string, contentType: string): Promise<string> {
    await this.locations.write(this.uris[name], body, contentType);
    this.written[name] = this.recorded(name);
    return this.uris[name];
  }

  async file(name: Written, file: string, contentType: string): Promise<string> {
    await this.locations.upload(file, this.uris[name], contentType);
    this.written[name] = this.recorded(name);
    return this.uris[name];
  }
}
