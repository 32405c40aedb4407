/**
 * The run's log: one JSON object per line, {ts, level, message, ...fields}, written to stderr as it
 * happens (the task's captured output) and kept whole for logs/runner.jsonl.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, unknown>>;

export class RunLog {
  private readonly lines: string[] = [];

  constructor(private readonly sink: (line: string) => void = (line) => process.stderr.write(line)) {}

  private entry(level: LogLevel, message: string, fields: LogFields): void {
    const line = `${JSON.stringify({ ts: new Date().toISOString(), level, message, ...fields })}\n`;
    this.lines.push(line);
    this.sink(line);
  }

  info(message: string, fields: LogFields = {}): void {
    this.entry('info', message, fields);
  }

  warn(message: string, fields: LogFields = {}): void {
    this.entry('warn', message, fields);
  }

  error(message: string, fields: LogFields = {}): void {
    this.entry('error', message, fields);
  }

  /** Everything logged so far, as JSON lines. */
  text(): string {
    return this.lines.join('');
  }
}
