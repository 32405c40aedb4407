import { documents, exampleOf, type ModelArtifact } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { creditData, paramsWith, trainOn } from '../../test/fixtures.ts';
import type { Table } from '../data/table.ts';
import { encodeFeatures, InputError } from './encode.ts';
import { childOf, compileModel, points, predictRaw, probability } from './predictor.ts';

/** The schema's example: pay_0 ≤ 1.5 (missing left) → −0.0191; else education ∈ {1, 4} → 0.0901, else 0.1388. */
const artifact = exampleOf(documents.ModelArtifact) as ModelArtifact;

function table(pay: number[], education: Array<string | null>): Table {
  return {
    rows: pay.length,
    columns: [
      { kind: 'number', name: 'PAY_0', values: Float64Array.from(pay) },
      { kind: 'string', name: 'EDUCATION', values: education },
    ],
  };
}

describe('predictor', () => {
  it('follows thresholds (≤ goes left), categorical sets and missing directions', () => {
    const base = -1.2587;
    const rows = table([1, 1.5, Number.NaN, 3, 3, 3, 3], ['2', '2', '2', '1', '2', '9', null]);
    const raw = predictRaw(compileModel(artifact), encodeFeatures(artifact.features, rows));
    const expected = [-0.0191, -0.0191, -0.0191, 0.0901, 0.1388, 0.1388, 0.1388].map((v) => base + v);
    expect(Array.from(raw)).toEqual(expected);
  });

  it('turns raw scores into p_bad and scorecard points', () => {
    expect(probability('binary_logistic', 0)).toBe(0.5);
    expect(probability('binary_logistic', Math.log(3))).toBeCloseTo(0.75, 15);
    expect(probability('squared_error', 1.7)).toBe(1);
    expect(probability('squared_error', -0.2)).toBe(0);
    const scaling = { pdo: 20, base_score: 600, base_odds: 50 };
    // Odds of good 50 (raw = ln(1/50)) score 600; doubling the odds of good adds 20 points.
    expect(points(scaling, Math.log(1 / 50))).toBeCloseTo(600, 10);
    expect(points(scaling, Math.log(1 / 100))).toBeCloseTo(620, 10);
  });

  it('applies special values and fill and reject policies as training did', () => {
    const features: ModelArtifact['features'] = [
      {
        name: 'a',
        source_column: 'PAY_0',
        kind: 'numeric',
        missing_policy: { strategy: 'fill', value: 7 },
        special_values: [-999],
        monotone: 0,
      },
      {
        name: 'b',
        source_column: 'EDUCATION',
        kind: 'categorical',
        missing_policy: { strategy: 'learn' },
        special_values: ['N/A'],
        categories: ['x', 'y'],
      },
    ];
    const [a, b] = encodeFeatures(features, table([-999, Number.NaN, 2], ['y', 'N/A', 'z']));
    expect(Array.from(a as Float64Array)).toEqual([7, 7, 2]);
    expect(Array.from(b as Float64Array)).toEqual([1, Number.NaN, Number.NaN]);
    const reject = [{ ...features[0], missing_policy: { strategy: 'reject' } }] as ModelArtifact['features'];
    expect(() => encodeFeatures(reject, table([1, Number.NaN], ['x', 'x']))).toThrow(/missing at data row 2/);
    expect(() =>
      encodeFeatures(
        [{ ...(features[0] as ModelArtifact['features'][number]), source_column: 'nope' }],
        table([1], ['x']),
      ),
    ).toThrow(InputError);
  });

  it('predicts bit-identically after save and load', async () => {
    const data = creditData(2000, 11);
    const { artifact: trained, sample } = await trainOn(data.table, paramsWith({ n_trees: 40, row_subsample: 0.8 }));
    const loaded = documents.ModelArtifact.parse(JSON.parse(JSON.stringify(trained)));
    const before = predictRaw(compileModel(trained), sample.columns);
    const after = predictRaw(compileModel(loaded), sample.columns);
    expect(after).toEqual(before);
    for (let i = 0; i < before.length; i++) expect(Object.is(after[i], before[i])).toBe(true);
  });

  it('scores trained models on quantized perfect trees exactly as a plain walk, with and without categorical splits', async () => {
    const data = creditData(1003, 5);
    const numericOnly = { ...data.table, columns: data.table.columns.filter((c) => c.name !== 'region') };
    for (const table of [numericOnly, data.table]) {
      const { artifact: trained, sample } = await trainOn(table, paramsWith({ n_trees: 30, max_depth: 5 }));
      const model = compileModel(trained);
      expect(model.categoryLeft.length > 0).toBe(table === data.table);
      expect(model.quantized).not.toBeNull();
      expect(sample.columns.some((column) => column.some(Number.isNaN))).toBe(true);
      const fast = predictRaw(model, sample.columns);
      for (let r = 0; r < fast.length; r++) {
        let expected = model.baseScore;
        for (const root of model.roots) {
          let i = root;
          while ((model.feature[i] as number) >= 0) {
            i = childOf(model, i, (sample.columns[model.feature[i] as number] as Float64Array)[r] as number);
          }
          expected += model.value[i] as number;
        }
        expect(fast[r], `row ${r}`).toBe(expected);
      }
    }
  });
});
