/**
 * Objectives: the loss the booster minimises, as a base score, per-row gradients and hessians of
 * the loss with respect to the raw score, and the link from raw score to p_bad.
 */
export interface Objective {
  readonly name: 'binary_logistic' | 'squared_error';
  /** Raw score that minimises the loss with no trees: log-odds of the bad rate, or the mean. */
  baseScore(y: Float64Array, w: Float64Array | null): number;
  /** Writes dLoss/draw and d²Loss/draw² (times the row weight) for every row. */
  gradients(raw: Float64Array, y: Float64Array, w: Float64Array | null, grad: Float64Array, hess: Float64Array): void;
  /** The same for rows [begin, end); self-contained, as worker threads receive it as source text. */
  readonly gradientRange: GradientKernel;
  /** Per-row loss, used for early stopping and progress. */
  loss(raw: number, y: number): number;
}

export type GradientKernel = (
  raw: Float64Array,
  y: Float64Array,
  w: Float64Array | null,
  grad: Float64Array,
  hess: Float64Array,
  begin: number,
  end: number,
) => void;

function weightedMean(y: Float64Array, w: Float64Array | null): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w === null ? 1 : (w[i] as number);
    sum += wi * (y[i] as number);
    total += wi;
  }
  return sum / total;
}

// The two kernels are function declarations (not methods) so that their source text is a valid
// expression on a worker thread.

function logisticGradients(
  raw: Float64Array,
  y: Float64Array,
  w: Float64Array | null,
  grad: Float64Array,
  hess: Float64Array,
  begin: number,
  end: number,
): void {
  for (let i = begin; i < end; i++) {
    const p = 1 / (1 + Math.exp(-(raw[i] as number)));
    const wi = w === null ? 1 : (w[i] as number);
    grad[i] = wi * (p - (y[i] as number));
    // A floor keeps the hessian positive where p rounds to 0 or 1.
    hess[i] = wi * Math.max(p * (1 - p), 1e-16);
  }
}

function squaredErrorGradients(
  raw: Float64Array,
  y: Float64Array,
  w: Float64Array | null,
  grad: Float64Array,
  hess: Float64Array,
  begin: number,
  end: number,
): void {
  for (let i = begin; i < end; i++) {
    const wi = w === null ? 1 : (w[i] as number);
    grad[i] = wi * ((raw[i] as number) - (y[i] as number));
    hess[i] = wi;
  }
}

export const binaryLogistic: Objective = {
  name: 'binary_logistic',
  baseScore(y, w) {
    const p = Math.min(Math.max(weightedMean(y, w), 1e-15), 1 - 1e-15);
    return Math.log(p / (1 - p));
  },
  gradients(raw, y, w, grad, hess) {
    this.gradientRange(raw, y, w, grad, hess, 0, raw.length);
  },
  gradientRange: logisticGradients,
  loss(raw, y) {
    // log(1 + e^raw) − y·raw, computed without overflow.
    const softplus = raw > 0 ? raw + Math.log1p(Math.exp(-raw)) : Math.log1p(Math.exp(raw));
    return softplus - y * raw;
  },
};

export const squaredError: Objective = {
  name: 'squared_error',
  baseScore: weightedMean,
  gradients(raw, y, w, grad, hess) {
    this.gradientRange(raw, y, w, grad, hess, 0, raw.length);
  },
  gradientRange: squaredErrorGradients,
  loss(raw, y) {
    return 0.5 * (raw - y) * (raw - y);
  },
};

export function objectiveNamed(name: Objective['name']): Objective {
  return name === 'binary_logistic' ? binaryLogistic : squaredError;
}
