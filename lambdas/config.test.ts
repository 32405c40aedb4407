import { describe, expect, it } from 'vitest';
import { databaseConfig, httpConfig } from './config.ts';

describe('configuration', () => {
  it('reads the variables the CDK app sets', () => {
    const env = {
      TALATY_STAGE: 'dev',
      TALATY_VERSION: '0.1.0',
      TALATY_WEB_ORIGIN: 'http://127.0.0.1:5173',
      TALATY_DB_CLUSTER_ARN: 'arn:aws:rds:us-east-1:1:cluster:c',
      TALATY_DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:s',
      TALATY_DB_NAME: 'talaty',
    };
    expect(httpConfig(env)).toEqual({ stage: 'dev', version: '0.1.0', webOrigin: 'http://127.0.0.1:5173' });
    expect(databaseConfig(env)).toEqual({
      resourceArn: 'arn:aws:rds:us-east-1:1:cluster:c',
      secretArn: 'arn:aws:secretsmanager:us-east-1:1:secret:s',
      database: 'talaty',
    });
  });

  it('lists every missing or bad variable at once', () => {
    expect(() => httpConfig({ TALATY_WEB_ORIGIN: 'not a url' })).toThrow(
      /TALATY_STAGE[\s\S]*TALATY_VERSION[\s\S]*TALATY_WEB_ORIGIN: must be an origin/,
    );
    expect(() => databaseConfig({ TALATY_DB_CLUSTER_ARN: 'arn:aws:s3:::bucket' })).toThrow(
      /TALATY_DB_CLUSTER_ARN: must be an RDS cluster ARN[\s\S]*TALATY_DB_SECRET_ARN[\s\S]*TALATY_DB_NAME/,
    );
  });
});
