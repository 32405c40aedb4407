/**
 * Scheduled rules on a shrunken clock: rate expressions parse to their period, a rate rule sends
 * EventBridge's Scheduled Event (or its target's constant input) every period until closed, and
 * cron, disabled or failing rules are logged, never thrown.
 */
import { describe, expect, it } from 'vitest';
import type { LocalAccount } from '../cdk-out/intrinsics.ts';
import type { ScheduleInTemplate } from '../cdk-out/reader.ts';
import { rateMinutes, startSchedules } from './schedules.ts';

const account: LocalAccount = { region: 'us-east-1', accountId: '000000000000', stackName: 'Talaty-test' };
const rule = (logicalId: string, expression: string, targets: ScheduleInTemplate['targets'], enabled = true) => ({
  logicalId,
  expression,
  enabled,
  targets,
  functionNames: targets.map((t) => t.functionName),
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rateMinutes', () => {
  it('reads minutes, hours and days, and nothing else', () => {
    expect(rateMinutes('rate(1 minute)')).toBe(1);
    expect(rateMinutes('rate(15 minutes)')).toBe(15);
    expect(rateMinutes('rate(2 hours)')).toBe(120);
    expect(rateMinutes('rate(1 day)')).toBe(1440);
    expect(rateMinutes('rate(0 minutes)')).toBeNull();
    expect(rateMinutes('rate(5 seconds)')).toBeNull();
    expect(rateMinutes('cron(0 3 * * ? *)')).toBeNull();
  });
});

describe('startSchedules', () => {
  it('sends each target a Scheduled Event every period until closed', async () => {
    const sent: Array<{ fn: string; event: Record<string, unknown> }> = [];
    const logs: Array<Record<string, unknown>> = [];
    const scheduler = startSchedules({
      schedules: [
        rule('SweepRule', 'rate(1 minute)', [
          { functionName: 'Sweep', input: undefined },
          { functionName: 'Report', input: { kind: 'daily' } },
        ]),
        rule('NightlyRule', 'cron(0 3 * * ? *)', [{ functionName: 'Nightly', input: undefined }]),
        rule('PausedRule', 'rate(1 minute)', [{ functionName: 'Paused', input: undefined }], false),
        rule('BrokenRule', 'rate(1 minute)', [{ functionName: 'Broken', input: undefined }]),
      ],
      account,
      send: (fn, event) => {
        if (fn === 'Broken') throw new Error('no local function named Broken');
        sent.push({ fn, event: event as Record<string, unknown> });
      },
      minuteMs: 40,
      log: (line) => logs.push(line),
    });
    for (let waited = 0; sent.filter((s) => s.fn === 'Sweep').length < 2 && waited < 5000; waited += 20)
      await sleep(20);
    scheduler.close();
    const fired = sent.length;
    await sleep(100);
    expect(sent).toHaveLength(fired);

    const sweeps = sent.filter((s) => s.fn === 'Sweep').map((s) => s.event);
    expect(sweeps.length).toBeGreaterThanOrEqual(2);
    expect(sweeps[0]).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:000000000000:rule/talaty-test-sweeprule'],
      detail: {},
    });
    expect(sweeps[0]?.id).not.toBe(sweeps[1]?.id);
    expect(sent.filter((s) => s.fn === 'Report').map((s) => s.event)).toContainEqual({ kind: 'daily' });
    expect(sent.some((s) => s.fn === 'Nightly' || s.fn === 'Paused')).toBe(false);
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'WARN', message: expect.stringContaining('NightlyRule') }),
    );
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 'ERROR', message: expect.stringContaining('Broken') }),
    );
  });
});
