/**
 * The metric conventions are part of the contract: the generated Metrics schema states exactly one
 * definition per metric, and the real datasets' headers and targets fit the model as they are.
 */
import { describe, expect, it } from 'vitest';
import { FeatureSetVersion } from '../src/feature-set.ts';
import { readGenerated } from './ajv.ts';

type Props = Record<string, { description?: string }>;
const metrics = readGenerated('Metrics.json');
const defs = metrics.$defs as Record<string, { description?: string; properties: Props }>;
const split = defs.SplitMetrics?.properties ?? {};

describe('metric conventions in schemas/v0/Metrics.json', () => {
  it.each([
    ['auc', 'the probability that a random bad scores a higher p_bad than a random good, ties counting one half'],
    ['gini', 'Gini = 2·AUC − 1.'],
    [
      'ks',
      'KS = the largest distance, over all thresholds, between the cumulative distributions of p_bad among bads and among goods.',
    ],
    ['logloss', 'Mean of −[y·ln p + (1 − y)·ln(1 − p)], p clipped to [1e-15, 1 − 1e-15].'],
    ['brier', 'Mean of (p − y)², y = 1 for bads.'],
  ])('%s: %s', (metric, convention) => {
    expect(split[metric]?.description).toContain(convention);
  });

  it('psi: Σ (a − e)·ln(a / e) over the reference deciles, tied edges merged, empty bins as 0.0001', () => {
    const psi = defs.Psi?.description ?? '';
    for (const part of [
      'PSI = Σ (a − e)·ln(a / e)',
      'reference (train)',
      'deciles',
      'tied edges merged',
      'An empty bin counts as 0.0001 of its sample',
    ]) {
      expect(psi).toContain(part);
    }
  });
});

const realDatasets = [
  {
    name: 'taiwan-default',
    target: 'default.payment.next.month',
    bad: 1,
    id: 'ID',
    header:
      'ID,LIMIT_BAL,GENDER,EDUCATION,MARRIAGE,AGE,PAY_0,PAY_2,PAY_3,PAY_4,PAY_5,PAY_6,BILL_AMT1,BILL_AMT2,BILL_AMT3,BILL_AMT4,BILL_AMT5,BILL_AMT6,PAY_AMT1,PAY_AMT2,PAY_AMT3,PAY_AMT4,PAY_AMT5,PAY_AMT6,default.payment.next.month',
  },
  {
    name: 'give-me-some-credit',
    target: 'SeriousDlqin2yrs',
    bad: 1,
    id: null,
    header:
      'SeriousDlqin2yrs,RevolvingUtilizationOfUnsecuredLines,age,NumberOfTime30-59DaysPastDueNotWorse,DebtRatio,MonthlyIncome,NumberOfOpenCreditLinesAndLoans,NumberOfTimes90DaysLate,NumberRealEstateLoansOrLines,NumberOfTime60-89DaysPastDueNotWorse,NumberOfDependents',
  },
  {
    name: 'hmeq',
    target: 'BAD',
    bad: 1,
    id: null,
    header: 'BAD,LOAN,MORTDUE,VALUE,REASON,JOB,YOJ,DEROG,DELINQ,CLAGE,NINQ,CLNO,DEBTINC',
  },
  {
    name: 'german-credit',
    target: 'CLASSIFICATION',
    bad: 0,
    id: null,
    header:
      'STATUS_ACCOUNT,DURATION_MONTHS,CREDIT_HISTORY,PURPOSE,AMOUNT,BONDS,EMPLOYMENT,INSTALLMENT_RATE,PERSONAL_STATUS_AND_SEX,OTHER_DEBTORS,PRESENT_RESIDENCE_SINCE,PROPERTY,AGE,INSTALLMENT_PLANS,HOUSING,NUMBER_OF_CREDIT_CARDS,JOB,LIABLE_PEOPLE,TELEPHONE,FOREIGN,CLASSIFICATION',
  },
];

describe('the real datasets in ../shared/datasets', () => {
  it.each(realDatasets)('$name: every column but the target and id can be a feature under its own name', (d) => {
    const columns = d.header.split(',').filter((c) => c !== d.target && c !== d.id);
    const version = FeatureSetVersion.safeParse({
      id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
      feature_set_id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
      version: 1,
      status: 'PUBLISHED',
      features: columns.map((column) => ({ name: column, source_column: column, kind: 'numeric' })),
      target: { column: d.target, bad_value: d.bad },
      id_column: d.id,
      created_by: 'alice',
      created_at: '2026-11-20T09:30:00.000Z',
      published_by: 'alice',
      published_at: '2026-11-20T09:31:00.000Z',
    });
    expect(version.error?.issues ?? []).toEqual([]);
    expect(version.data?.features.map((f) => f.name)).toEqual(columns);
    expect(version.data?.target.bad_value).toBe(d.bad);
  });
});
