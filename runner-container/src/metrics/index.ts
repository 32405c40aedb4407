export { chiSquareUpperTail } from './chi-square.ts';
export { brier, calibration, gains, logloss, type Outcomes, psi, rankMetrics, splitMetrics } from './metrics.ts';
