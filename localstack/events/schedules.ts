/**
 * The template's scheduled EventBridge rules, run locally: a `rate(N unit)` rule sends its targets
 * EventBridge's "Scheduled Event" (or the target's constant Input) every period, first one period
 * after start, as an asynchronous invocation. `cron(...)` rules are not run locally (logged once).
 * Timers never keep the process alive and stop with `close()`; a failure is logged, never thrown.
 */
import { randomUUID } from 'node:crypto';
import type { LocalAccount } from '../cdk-out/intrinsics.ts';
import { localName } from '../cdk-out/intrinsics.ts';
import type { ScheduleInTemplate } from '../cdk-out/reader.ts';

const RATE = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/;
const MINUTES: Record<string, number> = { minute: 1, hour: 60, day: 1440 };

/** The period of a `rate(...)` expression in minutes, or null for anything else. */
export function rateMinutes(expression: string): number | null {
  const m = RATE.exec(expression.trim());
  if (m === null) return null;
  const count = Number(m[1]);
  const unit = (m[2] as string).replace(/s$/, '');
  return count > 0 ? count * (MINUTES[unit] as number) : null;
}

export interface ScheduledEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': 'Scheduled Event';
  readonly source: 'aws.events';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: string[];
  readonly detail: Record<string, never>;
}

export interface SchedulerOptions {
  readonly schedules: readonly ScheduleInTemplate[];
  readonly account: LocalAccount;
  /** Delivers an event to a function (a logical id) asynchronously, as EventBridge invokes Lambda. */
  readonly send: (functionName: string, event: unknown) => void;
  /** How long a minute lasts; tests shrink it. @default 60000 */
  readonly minuteMs?: number;
  readonly log?: (line: Record<string, unknown>) => void;
}

export interface Scheduler {
  close(): void;
}

/** `arn:aws:events:<region>:<account>:rule/<local name>`. */
export const ruleArn = (account: LocalAccount, logicalId: string): string =>
  `arn:aws:events:${account.region}:${account.accountId}:rule/${localName(account, logicalId)}`;

export function startSchedules(options: SchedulerOptions): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const { account } = options;
  for (const rule of options.schedules) {
    if (!rule.enabled || rule.targets.length === 0) continue;
    const minutes = rateMinutes(rule.expression);
    if (minutes === null) {
      options.log?.({
        level: 'WARN',
        message: `schedule ${rule.logicalId} (${rule.expression}) is not run locally: only rate(...) expressions are`,
      });
      continue;
    }
    const fire = () => {
      const event: ScheduledEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: account.accountId,
        time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: account.region,
        resources: [ruleArn(account, rule.logicalId)],
        detail: {},
      };
      for (const target of rule.targets) {
        try {
          options.send(target.functionName, target.input === undefined ? event : target.input);
          options.log?.({ level: 'INFO', message: `schedule ${rule.logicalId} fired`, function: target.functionName });
        } catch (error) {
          options.log?.({
            level: 'ERROR',
            message: `schedule ${rule.logicalId} could not invoke ${target.functionName}: ${String(error)}`,
          });
        }
      }
    };
    const timer = setInterval(fire, minutes * (options.minuteMs ?? 60_000));
    timer.unref();
    timers.push(timer);
  }
  return {
    close: () => {
      for (const timer of timers.splice(0)) clearInterval(timer);
    },
  };
}
