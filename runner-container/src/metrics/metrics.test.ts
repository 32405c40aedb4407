/**
 * Metrics against values computed by hand on tiny samples (the working is in the comments), the
 * chi-square tail against table values, and splitMetrics against the Metrics schema.
 */
import { documents, SplitMetrics } from '@talaty/schemas';
import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail } from './chi-square.ts';
import { brier, calibration, logloss, type Outcomes, psi, rankMetrics, splitMetrics } from './metrics.ts';

const outcomes = (p: number[], y: number[], w: number[] | null = null): Outcomes => ({
  p: Float64Array.from(p),
  y: Float64Array.from(y),
  w: w === null ? null : Float64Array.from(w),
});

const ascendingOrder = (p: number[]) => Int32Array.from(p.keys()).sort((a, b) => (p[a] as number) - (p[b] as number));

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function uniforms(seed: number, n: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  });
}

describe('AUC, Gini and KS', () => {
  it('counts the bad–good pairs ranked correctly', () => {
    // Bads score 0.35 and 0.8, goods 0.1 and 0.4. Pairs (bad, good): (0.35, 0.1) win,
    // (0.35, 0.4) loss, (0.8, 0.1) win, (0.8, 0.4) win → AUC = 3/4, Gini = 2·0.75 − 1 = 0.5.
    const m = splitMetrics(outcomes([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]));
    expect(m.auc).toBeCloseTo(0.75, 12);
    expect(m.gini).toBeCloseTo(0.5, 12);
    // Ascending thresholds: 0.1 (good) → |0 − 1/2| = 1/2; 0.35 (bad) → |1/2 − 1/2| = 0;
    // 0.4 (good) → |1/2 − 1| = 1/2; 0.8 (bad) → 0. KS = 1/2.
    expect(m.ks).toBeCloseTo(0.5, 12);
  });

  it('counts a tie between a bad and a good as one half', () => {
    // Bads 0.5 and 0.9, goods 0.2 and 0.5: (0.5, 0.2) 1, (0.5, 0.5) ½, (0.9, 0.2) 1, (0.9, 0.5) 1
    // → AUC = 3.5/4 = 0.875, Gini = 0.75.
    const m = splitMetrics(outcomes([0.2, 0.5, 0.5, 0.9], [0, 0, 1, 1]));
    expect(m.auc).toBeCloseTo(0.875, 12);
    expect(m.gini).toBeCloseTo(0.75, 12);
    // Thresholds 0.2 → (bad 0, good 1/2); 0.5 → (1/2, 1); 0.9 → (1, 1). KS = 1/2.
    expect(m.ks).toBeCloseTo(0.5, 12);
  });

  it('gives 0.5 and KS 0 when every score is tied', () => {
    // Every one of the 2·2 pairs is a tie → AUC = 4·½/4 = 0.5; one threshold where both CDFs are 1.
    const m = splitMetrics(outcomes([0.3, 0.3, 0.3, 0.3], [1, 0, 0, 1]));
    expect(m.auc).toBeCloseTo(0.5, 12);
    expect(m.gini).toBeCloseTo(0, 12);
    expect(m.ks).toBeCloseTo(0, 12);
  });

  it('computes KS, the KS curve and the ROC curve on six rows', () => {
    // Goods 0.1, 0.3, 0.4; bads 0.2, 0.5, 0.6. Cumulative shares at each ascending threshold:
    //   0.1: bad 0,   good 1/3 → 1/3      0.4: bad 1/3, good 1   → 2/3
    //   0.2: bad 1/3, good 1/3 → 0        0.5: bad 2/3, good 1   → 1/3
    //   0.3: bad 1/3, good 2/3 → 1/3      0.6: bad 1,   good 1   → 0        KS = 2/3.
    // AUC: bad 0.2 beats 1 good, 0.5 and 0.6 beat 3 each → 7/9.
    const r = rankMetrics(outcomes([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0, 1, 0, 0, 1, 1]));
    expect(r.ks).toBeCloseTo(2 / 3, 12);
    expect(r.auc).toBeCloseTo(7 / 9, 12);
    const third = 1 / 3;
    const expectedKs = [
      [0.1, 0, third],
      [0.2, third, third],
      [0.3, third, 2 * third],
      [0.4, third, 1],
      [0.5, 2 * third, 1],
      [0.6, 1, 1],
    ];
    expect(r.ksCurve).toHaveLength(6);
    r.ksCurve.forEach((point, k) => {
      const [threshold, bad, good] = expectedKs[k] as number[];
      expect(point.threshold).toBe(threshold);
      expect(point.bad_cdf).toBeCloseTo(bad as number, 12);
      expect(point.good_cdf).toBeCloseTo(good as number, 12);
    });
    // ROC from the top: (0,0); 0.6 bad → (0,1/3); 0.5 bad → (0,2/3); 0.4 good → (1/3,2/3);
    // 0.3 good → (2/3,2/3); 0.2 bad → (2/3,1); 0.1 good → (1,1).
    const expectedRoc = [
      [0, 0],
      [0, third],
      [0, 2 * third],
      [third, 2 * third],
      [2 * third, 2 * third],
      [2 * third, 1],
      [1, 1],
    ];
    expect(r.roc).toHaveLength(7);
    r.roc.forEach((point, k) => {
      const [fpr, tpr] = expectedRoc[k] as number[];
      expect(point.fpr).toBeCloseTo(fpr as number, 12);
      expect(point.tpr).toBeCloseTo(tpr as number, 12);
    });
  });

  it('treats a weight of 2 as a duplicated row', () => {
    // Goods 0.1 (w 1) and 0.4 (w 2); bads 0.35 and 0.8 (w 1). Pair weight 3·2 = 6; wins:
    // 0.35 > 0.1 (1·1), 0.8 > 0.1 (1·1), 0.8 > 0.4 (1·2) → AUC = 4/6 = 2/3.
    const weighted = splitMetrics(outcomes([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], [1, 2, 1, 1]));
    const duplicated = splitMetrics(outcomes([0.1, 0.4, 0.4, 0.35, 0.8], [0, 0, 0, 1, 1]));
    expect(weighted.auc).toBeCloseTo(2 / 3, 12);
    expect(duplicated.auc).toBeCloseTo(2 / 3, 12);
    // KS: thresholds 0.1 → |0 − 1/3|; 0.35 → |1/2 − 1/3|; 0.4 → |1/2 − 1| = 1/2; 0.8 → 0.
    expect(weighted.ks).toBeCloseTo(0.5, 12);
    expect(duplicated.ks).toBeCloseTo(0.5, 12);
    for (const key of ['bad_rate', 'logloss', 'brier'] as const) {
      expect(weighted[key]).toBeCloseTo(duplicated[key], 12);
    }
  });

  it('is null for a sample with one class', () => {
    for (const y of [
      [0, 0, 0],
      [1, 1, 1],
    ]) {
      const m = splitMetrics(outcomes([0.2, 0.5, 0.7], y));
      expect(m.auc).toBeNull();
      expect(m.gini).toBeNull();
      expect(m.ks).toBeNull();
      expect(m.roc).toEqual([]);
      expect(m.ks_curve).toEqual([]);
    }
  });
});

describe('log loss and Brier score', () => {
  it('averages the log loss, weighted or not', () => {
    // −(ln 0.8 + ln 0.6 + ln 0.9)/3 = (0.2231435513 + 0.5108256238 + 0.1053605157)/3 = 0.2797765636
    expect(logloss(outcomes([0.2, 0.6, 0.9], [0, 1, 1]))).toBeCloseTo(0.2797765636, 9);
    // Weights 1, 2, 1: (0.2231435513 + 2·0.5108256238 + 0.1053605157)/4 = 0.3375388286
    expect(logloss(outcomes([0.2, 0.6, 0.9], [0, 1, 1], [1, 2, 1]))).toBeCloseTo(0.3375388286, 9);
  });

  it('clips p to [1e-15, 1 − 1e-15]', () => {
    // A bad scored 0: −ln(1e-15) = 15·ln 10 = 34.5387763949; a good scored 0: −ln(1) = 0.
    expect(logloss(outcomes([0], [1]))).toBeCloseTo(34.5387763949, 9);
    expect(logloss(outcomes([0, 0], [1, 0]))).toBeCloseTo(34.5387763949 / 2, 9);
    // A good scored 1: −ln(1 − (1 − 1e-15)) ≈ −ln(1e-15) ≈ 34.54 (1 − 1e-15 is not exact in binary).
    expect(logloss(outcomes([1], [0]))).toBeCloseTo(34.54, 1);
  });

  it('averages the squared error, weighted or not', () => {
    // ((0.2−0)² + (0.6−1)² + (0.9−1)²)/3 = (0.04 + 0.16 + 0.01)/3 = 0.07
    expect(brier(outcomes([0.2, 0.6, 0.9], [0, 1, 1]))).toBeCloseTo(0.07, 12);
    // Weights 1, 2, 1: (0.04 + 2·0.16 + 0.01)/4 = 0.37/4 = 0.0925
    expect(brier(outcomes([0.2, 0.6, 0.9], [0, 1, 1], [1, 2, 1]))).toBeCloseTo(0.0925, 12);
  });
});

describe('gains', () => {
  // Twenty rows; rank r (by descending p) sits at the row given in the comment. Rows 1 and 7 tie at
  // 0.6: in row order the good row 1 ranks 5th (decile 3) and the bad row 7 ranks 6th (decile 4).
  const p = [
    0.1, // r16
    0.6, // r5, good
    0.95, // r0
    0.3, // r11
    0.8, // r3
    0.02, // r19
    0.45, // r8
    0.6, // r6, bad
    0.9, // r1
    0.25, // r12
    0.35, // r10
    0.7, // r4
    0.12, // r15
    0.85, // r2
    0.5, // r7
    0.05, // r18
    0.4, // r9
    0.2, // r13
    0.15, // r14
    0.08, // r17
  ];
  const y = [0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];

  it('cuts twenty rows into ten deciles of two, ties in row order', () => {
    // Outcomes in rank order: 1 1 | 1 0 | 0 0 | 1 0 | 0 0 | 1 0 | 0 0 | 0 0 | 0 0 | 0 0.
    // Five bads of 20 → sample bad rate 0.25. Per decile: bads, bad_rate = bads/2, lift = rate/0.25,
    // cum_capture = running bads / 5.
    const expected = [
      { bads: 2, bad_rate: 1, cum_capture: 0.4, lift: 4 },
      { bads: 1, bad_rate: 0.5, cum_capture: 0.6, lift: 2 },
      { bads: 0, bad_rate: 0, cum_capture: 0.6, lift: 0 },
      { bads: 1, bad_rate: 0.5, cum_capture: 0.8, lift: 2 },
      { bads: 0, bad_rate: 0, cum_capture: 0.8, lift: 0 },
      { bads: 1, bad_rate: 0.5, cum_capture: 1, lift: 2 },
      { bads: 0, bad_rate: 0, cum_capture: 1, lift: 0 },
      { bads: 0, bad_rate: 0, cum_capture: 1, lift: 0 },
      { bads: 0, bad_rate: 0, cum_capture: 1, lift: 0 },
      { bads: 0, bad_rate: 0, cum_capture: 1, lift: 0 },
    ];
    const gains = splitMetrics(outcomes(p, y)).gains;
    expect(gains).toHaveLength(10);
    gains.forEach((row, k) => {
      const e = expected[k] as (typeof expected)[number];
      expect(row.decile).toBe(k + 1);
      expect(row.n).toBe(2);
      expect(row.bads).toBe(e.bads);
      expect(row.bad_rate).toBeCloseTo(e.bad_rate, 12);
      expect(row.cum_capture).toBeCloseTo(e.cum_capture, 12);
      expect(row.lift).toBeCloseTo(e.lift, 12);
    });
  });

  it('uses floor(k·n/10) boundaries when n is not a multiple of ten', () => {
    // n = 13: boundaries 0 1 2 3 5 6 7 9 10 11 13 → sizes 1 1 1 2 1 1 2 1 1 2.
    const p13 = Array.from({ length: 13 }, (_, i) => (i + 1) / 20);
    const y13 = p13.map((_, i) => (i % 3 === 0 ? 1 : 0));
    expect(splitMetrics(outcomes(p13, y13)).gains.map((g) => g.n)).toEqual([1, 1, 1, 2, 1, 1, 2, 1, 1, 2]);
    // n = 4: boundaries 0 0 0 1 1 2 2 2 3 3 4 → four non-empty groups of one row, numbered 1–4.
    const small = splitMetrics(outcomes([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1])).gains;
    expect(small.map((g) => [g.decile, g.n])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
  });
});

describe('calibration and Hosmer–Lemeshow', () => {
  it('bins twenty rows by ascending p and sums (O − E)²/(E(1 − E/N))', () => {
    // Ten bins of two rows with equal p. E = 2p, N = 2:
    //   p     E    O  (O−E)²/(E(1−E/2))
    //  0.05  0.1  0   0.01/0.095  = 0.1052631579
    //  0.10  0.2  0   0.04/0.18   = 0.2222222222
    //  0.15  0.3  1   0.49/0.255  = 1.9215686275
    //  0.20  0.4  0   0.16/0.32   = 0.5
    //  0.25  0.5  1   0.25/0.375  = 0.6666666667
    //  0.30  0.6  0   0.36/0.42   = 0.8571428571
    //  0.40  0.8  1   0.04/0.48   = 0.0833333333
    //  0.50  1.0  1   0/0.5       = 0
    //  0.60  1.2  2   0.64/0.48   = 1.3333333333
    //  0.80  1.6  2   0.16/0.32   = 0.5
    // Σ = 6.1895301980 over 10 bins → df = 8; P(χ²₈ ≥ 6.18953) = 0.6260109685 (scipy.stats.chi2.sf).
    const levels = [0.8, 0.05, 0.6, 0.1, 0.5, 0.15, 0.4, 0.2, 0.3, 0.25]; // shuffled on purpose
    const badsAt = new Map([
      [0.05, 0],
      [0.1, 0],
      [0.15, 1],
      [0.2, 0],
      [0.25, 1],
      [0.3, 0],
      [0.4, 1],
      [0.5, 1],
      [0.6, 2],
      [0.8, 2],
    ]);
    const p = levels.flatMap((v) => [v, v]);
    const y = levels.flatMap((v) => {
      const bads = badsAt.get(v) as number;
      return [bads >= 1 ? 1 : 0, bads >= 2 ? 1 : 0];
    });
    const { bins, hl } = calibration(outcomes(p, y), ascendingOrder(p));
    const sorted = [...levels].sort((a, b) => a - b);
    expect(bins).toHaveLength(10);
    bins.forEach((bin, k) => {
      const level = sorted[k] as number;
      expect(bin.bin).toBe(k + 1);
      expect(bin.n).toBe(2);
      expect(bin.mean_predicted).toBeCloseTo(level, 12);
      expect(bin.observed_rate).toBeCloseTo((badsAt.get(level) as number) / 2, 12);
    });
    expect(hl).not.toBeNull();
    expect(hl?.statistic).toBeCloseTo(6.189530198, 8);
    expect(hl?.degrees_of_freedom).toBe(8);
    expect(hl?.p_value).toBeCloseTo(0.6260109685, 6);
  });

  it('skips bins with E = 0 or E = N', () => {
    // Ten rows, one per bin; p = 0 (E = 0) and p = 1 (E = N) are skipped. For the rest
    // (y − p)²/(p(1 − p)):
    //   0.1,0: 0.01/0.09 = 0.1111111111   0.5,1: 0.25/0.25 = 1
    //   0.2,1: 0.64/0.16 = 4              0.6,1: 0.16/0.24 = 0.6666666667
    //   0.3,0: 0.09/0.21 = 0.4285714286   0.7,0: 0.49/0.21 = 2.3333333333
    //   0.4,0: 0.16/0.24 = 0.6666666667   0.8,1: 0.04/0.16 = 0.25
    // Σ = 9.4563492063 over 8 bins → df = 6; P(χ²₆ ≥ 9.45635) = 0.1494928850 (scipy).
    const p = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1];
    const y = [0, 0, 1, 0, 0, 1, 1, 0, 1, 1];
    const { bins, hl } = calibration(outcomes(p, y), ascendingOrder(p));
    expect(bins.map((b) => b.n)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(hl?.statistic).toBeCloseTo(9.4563492063, 8);
    expect(hl?.degrees_of_freedom).toBe(6);
    expect(hl?.p_value).toBeCloseTo(0.149492885, 6);
  });

  it('has no test with fewer than three usable bins', () => {
    // Only p = 0 and p = 1: every bin has E = 0 or E = N → 0 bins used.
    const p = [0, 0, 1, 1];
    expect(calibration(outcomes(p, [0, 0, 1, 1]), ascendingOrder(p)).hl).toBeNull();
    // Two rows → two bins, df = 0.
    expect(splitMetrics(outcomes([0.3, 0.6], [0, 1])).hosmer_lemeshow).toBeNull();
  });
});

describe('chiSquareUpperTail', () => {
  it('matches table values', () => {
    // Critical values at 5%: χ²₁ = 3.841, χ²₈ = 15.507, χ²₂ = 5.991; and the 95% point χ²₁₀ = 3.940.
    expect(chiSquareUpperTail(3.841, 1)).toBeCloseTo(0.05, 4);
    expect(chiSquareUpperTail(15.507, 8)).toBeCloseTo(0.05, 4);
    expect(chiSquareUpperTail(5.991, 2)).toBeCloseTo(0.05, 4);
    expect(chiSquareUpperTail(3.94, 10)).toBeCloseTo(0.95, 4);
  });

  it('matches the closed forms for two and four degrees of freedom', () => {
    // df = 2: Q = e^(−x/2); df = 4: Q = e^(−x/2)(1 + x/2).
    expect(chiSquareUpperTail(2, 2)).toBeCloseTo(0.3678794412, 10); // e^−1
    expect(chiSquareUpperTail(20, 2)).toBeCloseTo(4.539992976e-5, 12); // e^−10
    expect(chiSquareUpperTail(2, 4)).toBeCloseTo(0.7357588823, 10); // 2e^−1
  });

  it('is 1 at zero', () => {
    expect(chiSquareUpperTail(0, 1)).toBe(1);
    expect(chiSquareUpperTail(0, 8)).toBe(1);
  });
});

describe('psi', () => {
  const reference = outcomes([0.95, 0.05, 0.85, 0.15, 0.75, 0.25, 0.65, 0.35, 0.55, 0.45], Array(10).fill(0));

  it('is 0 for a sample against itself', () => {
    expect(psi(reference, reference)).toBe(0);
    const random = outcomes(uniforms(7, 500), Array(500).fill(0));
    expect(psi(random, random)).toBe(0);
  });

  it('sums (a − e)·ln(a/e) over the reference deciles, empty bins at 0.0001', () => {
    // Reference deciles: edges 0.05, 0.15, …, 0.85, one reference row per bin (e = 0.1 each).
    // Compared: two rows in (−∞, 0.05], two in (0.05, 0.15], one in each of the next six, none in
    // (0.75, 0.85] or (0.85, ∞) → a = 0.2, 0.2, 0.1 ×6, 0.0001, 0.0001.
    // PSI = 2·(0.1·ln 2) + 2·(−0.0999·ln 0.001) = 0.1386294361 + 1.3801695048 = 1.5187989409
    const compared = outcomes([0.05, 0.01, 0.15, 0.1, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75], Array(10).fill(0));
    expect(psi(reference, compared)).toBeCloseTo(1.5187989409, 9);
  });

  it('merges tied edges', () => {
    // Reference: five 0.1 and five 0.2 → edges 0.1 (×5), 0.2 (×4) merge into 0.1, 0.2:
    // bins (−∞, 0.1], (0.1, 0.2], (0.2, ∞) with e = 0.5, 0.5, 0.0001. Compared: a = 0.2, 0.6, 0.2.
    // PSI = (−0.3)·ln 0.4 + 0.1·ln 1.2 + 0.1999·ln 2000
    //     = 0.2748872196 + 0.0182321557 + 1.5194204016 = 1.8125397769
    const ref = outcomes([0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2], Array(10).fill(0));
    const compared = outcomes([0.1, 0.1, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.3], Array(10).fill(0));
    expect(psi(ref, compared)).toBeCloseTo(1.8125397769, 9);
  });
});

describe('splitMetrics against the schema', () => {
  const n = 1000;
  const p = uniforms(42, n);
  const draws = uniforms(43, n);
  const y = p.map((v, i) => ((draws[i] as number) < v ? 1 : 0));

  it('parses with SplitMetrics on samples of every shape', () => {
    const samples = [
      outcomes(p, y),
      outcomes(
        p,
        y,
        p.map((_, i) => 1 + (i % 3)),
      ),
      outcomes([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]),
      outcomes([0.2, 0.5, 0.7], [0, 0, 0]),
      outcomes([0.2, 0.5, 0.7], [1, 1, 1]),
      outcomes([0, 1, 1, 0, 0.5], [0, 1, 1, 0, 1]),
    ];
    for (const sample of samples) {
      const result = SplitMetrics.safeParse(splitMetrics(sample));
      expect(result.error?.issues ?? []).toEqual([]);
    }
    const big = splitMetrics(samples[0] as Outcomes);
    expect(big.n).toBe(n);
    expect(big.roc.length).toBeLessThanOrEqual(200);
    expect(big.ks_curve.length).toBeLessThanOrEqual(200);
    expect(big.roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(big.roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
  });

  it('builds a Metrics document that parses', () => {
    const train = outcomes(p, y);
    const test = outcomes(
      p.map((v) => v * 0.9),
      y,
    );
    const document = {
      train: splitMetrics(train),
      valid: null,
      test: splitMetrics(test),
      oot: null,
      psi: { train_to_test: psi(train, test), train_to_oot: null },
      importance: [],
      best_iteration: null,
      timings: { evaluate: 0.01 },
    };
    const result = documents.Metrics.safeParse(document);
    expect(result.error?.issues ?? []).toEqual([]);
  });
});
