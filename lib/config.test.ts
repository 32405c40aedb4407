import { describe, expect, it } from 'vitest';
import { loadStages, parseStages, selectedStages, stageConfig } from './config.ts';
import { cdkJson, testApp } from './test-support.ts';

const valid = {
  webOrigin: 'https://talaty.example.com',
  removalPolicy: 'retain',
  logRetentionDays: 30,
  database: { minCapacity: 0.5, maxCapacity: 4, backupRetentionDays: 7, deletionProtection: true },
  api: { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
};

describe('stage configuration', () => {
  it('accepts the stages of cdk.json, dev and prod among them', () => {
    const stages = parseStages(cdkJson.context.stages);
    expect(Object.keys(stages)).toEqual(expect.arrayContaining(['dev', 'prod']));
    expect(stages.prod?.database.deletionProtection).toBe(true);
    expect(stages.prod?.removalPolicy).toBe('retain');
  });

  it('rejects a bad stage with one error naming every bad field by its path', () => {
    const bad = {
      prod: {
        ...valid,
        webOrigin: 'https://talaty.example.com/app',
        logRetentionDays: 10,
        database: { ...valid.database, minCapacity: 8, maxCapacity: 4, backupRetentionDays: 40 },
        api: { throttlingRateLimit: -1 },
        extra: true,
      },
    };
    let message = '';
    try {
      parseStages(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('stages.prod.webOrigin: must be an origin');
    expect(message).toContain('stages.prod.logRetentionDays: must be one of');
    expect(message).toContain('stages.prod.database.backupRetentionDays');
    expect(message).toContain('stages.prod.api.throttlingRateLimit');
    expect(message).toContain('stages.prod.api.throttlingBurstLimit');
    expect(message).toMatch(/stages\.prod: .*extra/);
  });

  it('checks ranges that span fields, and plain http only for loopback origins', () => {
    expect(() =>
      parseStages({ dev: { ...valid, database: { ...valid.database, minCapacity: 8, maxCapacity: 4 } } }),
    ).toThrow('stages.dev.database.maxCapacity: must be at least minCapacity');
    expect(() => parseStages({ dev: { ...valid, webOrigin: 'http://talaty.example.com' } })).toThrow(
      'stages.dev.webOrigin: must use https',
    );
    expect(parseStages({ dev: { ...valid, webOrigin: 'http://127.0.0.1:5173' } }).dev?.webOrigin).toBe(
      'http://127.0.0.1:5173',
    );
    expect(() => parseStages({ Prod: valid })).toThrow('stage names are lower-case');
    expect(() => parseStages(undefined)).toThrow('Invalid stage configuration');
  });

  it('requires availability zones when a stage pins account and region, so synth needs no lookups', () => {
    const env = { account: '123456789012', region: 'eu-west-1' };
    expect(() => parseStages({ prod: { ...valid, env } })).toThrow(
      'stages.prod.env.availabilityZones: is required when account and region are set',
    );
    const pinned = parseStages({
      prod: { ...valid, env: { ...env, availabilityZones: ['eu-west-1a', 'eu-west-1b'] } },
    });
    expect(pinned.prod?.env?.availabilityZones).toHaveLength(2);
  });

  it("gives a stage without a datasets block the defaults, and reads cdk.json's", () => {
    const defaults = parseStages({ dev: valid }).dev?.datasets;
    expect(defaults).toEqual({
      maxBytes: 10 * 1024 ** 3,
      maxDecompressedBytes: 40 * 1024 ** 3,
      uploadTtlHours: 24,
      sweepMinutes: 15,
      profilerMemoryMb: 1769,
    });
    const stages = parseStages(cdkJson.context.stages);
    // dev sweeps less often, so the sweep does not keep waking its auto-pausing database.
    expect(stages.dev?.datasets).toEqual({ ...defaults, sweepMinutes: 30 });
    expect(stages.prod?.datasets).toEqual(defaults);
    expect(parseStages({ dev: { ...valid, datasets: { sweepMinutes: 5 } } }).dev?.datasets).toEqual({
      ...defaults,
      sweepMinutes: 5,
    });
  });

  it('keeps dataset limits within what S3, Lambda and the bucket lifecycle allow', () => {
    const problems = (datasets: Record<string, unknown>) => {
      try {
        parseStages({ dev: { ...valid, datasets } });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    const GiB = 1024 ** 3;
    expect(problems({ maxBytes: 30 * GiB, maxDecompressedBytes: 20 * GiB })).toContain(
      'maxDecompressedBytes: must be at least maxBytes',
    );
    expect(problems({ maxBytes: 40 * GiB, maxDecompressedBytes: 40 * GiB })).toBe('');
    expect(problems({ maxBytes: 40 * GiB + 1 })).toContain(
      'stages.dev.datasets.maxBytes: must be at most 40 GiB (42949672960 bytes), what one profiling run can read',
    );
    expect(problems({ maxDecompressedBytes: 41 * GiB })).toContain(
      'stages.dev.datasets.maxDecompressedBytes: must be at most 40 GiB',
    );
    expect(problems({ maxBytes: 0 })).toContain('stages.dev.datasets.maxBytes: must be more than 0');
    expect(problems({ maxBytes: 1.5 })).toContain('stages.dev.datasets.maxBytes');
    expect(problems({ uploadTtlHours: 0 })).toContain('stages.dev.datasets.uploadTtlHours: must be at least 1 (hour)');
    expect(problems({ uploadTtlHours: 145 })).toContain(
      'stages.dev.datasets.uploadTtlHours: must be at most 144 (hours): the bucket aborts incomplete dataset uploads after 7 days',
    );
    expect(problems({ uploadTtlHours: 144 })).toBe('');
    expect(problems({ uploadTtlHours: 1, sweepMinutes: 61 })).toContain(
      'stages.dev.datasets.sweepMinutes: must be at most uploadTtlHours × 60',
    );
    expect(problems({ sweepMinutes: 0 })).toContain('stages.dev.datasets.sweepMinutes: must be at least 1 (minute)');
    expect(problems({ profilerMemoryMb: 10241 })).toContain(
      'stages.dev.datasets.profilerMemoryMb: must be at most 10240',
    );
    expect(problems({ profilerMemoryMb: 64 })).toContain('stages.dev.datasets.profilerMemoryMb: must be at least 128');
    expect(problems({ extra: 1 })).toMatch(/stages\.dev\.datasets: .*extra/);
  });

  it("sizes the runner's Fargate task from the stage, with defaults, only in sizes Fargate offers", () => {
    expect(parseStages({ dev: valid }).dev?.runner).toEqual({
      cpu: 2048,
      memoryMiB: 8192,
      trainingTimeoutMinutes: 240,
    });
    const stages = parseStages(cdkJson.context.stages);
    expect(stages.dev?.runner).toEqual({ cpu: 2048, memoryMiB: 4096, trainingTimeoutMinutes: 240 });
    expect(stages.prod?.runner).toEqual({ cpu: 4096, memoryMiB: 16384, trainingTimeoutMinutes: 240 });
    const problems = (runner: Record<string, unknown>) => {
      try {
        parseStages({ dev: { ...valid, runner } });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problems({ cpu: 256, memoryMiB: 512 })).toBe('');
    expect(problems({ cpu: 16384, memoryMiB: 122880 })).toBe('');
    expect(problems({ cpu: 3000 })).toContain("stages.dev.runner.cpu: must be one of Fargate's CPU sizes: 256, 512");
    expect(problems({ cpu: 256, memoryMiB: 1536 })).toContain(
      'stages.dev.runner.memoryMiB: must be a memory size Fargate offers with 256 CPU units: 512, 1024, 2048',
    );
    expect(problems({ cpu: 2048, memoryMiB: 2048 })).toContain(
      'stages.dev.runner.memoryMiB: must be a memory size Fargate offers with 2048 CPU units: 4096, 5120, … 16384',
    );
    expect(problems({ cpu: 8192, memoryMiB: 17408 })).toContain('stages.dev.runner.memoryMiB');
    expect(problems({ trainingTimeoutMinutes: 4 })).toContain(
      'stages.dev.runner.trainingTimeoutMinutes: must be at least 5 (minutes)',
    );
    expect(problems({ trainingTimeoutMinutes: 10081 })).toContain('must be at most 10080 (a week)');
    expect(problems({ extra: 1 })).toMatch(/stages\.dev\.runner: .*extra/);
  });

  it('gives the web app its own domain only with a us-east-1 certificate and the matching webOrigin', () => {
    expect(parseStages({ dev: valid }).dev?.web).toEqual({});
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
    const own = { domainName: 'talaty.example.com', certificateArn };
    expect(parseStages({ prod: { ...valid, web: own } }).prod?.web).toEqual(own);
    const problems = (stage: Record<string, unknown>) => {
      try {
        parseStages({ prod: { ...valid, ...stage } });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problems({ web: { domainName: 'talaty.example.com' } })).toContain(
      'stages.prod.web.certificateArn: domainName and certificateArn go together',
    );
    expect(problems({ web: { ...own, certificateArn: certificateArn.replace('us-east-1', 'eu-west-1') } })).toContain(
      'stages.prod.web.certificateArn: must be the ARN of an ACM certificate in us-east-1',
    );
    expect(problems({ web: { ...own, domainName: 'app.example.com' } })).toContain(
      'stages.prod.webOrigin: must be https://<web.domainName>',
    );
    expect(problems({ web: { domainName: 'Talaty.Example.com', certificateArn } })).toContain(
      'stages.prod.web.domainName: must be a lower-case DNS name',
    );
    expect(problems({ web: { authDomainPrefix: 'talaty-prod' } })).toBe('');
    expect(problems({ web: { authDomainPrefix: 'my-cognito-login' } })).toContain(
      'stages.prod.web.authDomainPrefix: must not contain aws, amazon or cognito',
    );
    expect(problems({ web: { extra: 1 } })).toMatch(/stages\.prod\.web: .*extra/);
  });

  it('selects every stage by default, or the one given as -c stage=<name>', () => {
    expect(selectedStages(testApp()).map(([name]) => name)).toEqual(Object.keys(loadStages(testApp())));
    expect(selectedStages(testApp({ stage: 'prod' })).map(([name]) => name)).toEqual(['prod']);
    expect(() => stageConfig(testApp(), 'qa')).toThrow('No stage "qa" in cdk.json; the stages are: dev, prod');
  });
});
