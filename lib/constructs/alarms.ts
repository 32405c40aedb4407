/**
 * The one kind of alarm the stack raises: something that should never happen happened at least
 * once in five minutes (a failed run, a failed profile, a function error). No data is no event.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';

/** How an alarmed metric is read: its sum over five minutes. */
export const ALARM_PERIOD: cloudwatch.MetricOptions = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };

/** Fires when `metric` (read with `ALARM_PERIOD`) counts one or more events. */
export function anyEventAlarm(
  scope: Construct,
  id: string,
  description: string,
  metric: cloudwatch.IMetric,
): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    alarmDescription: description,
    metric,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
}
