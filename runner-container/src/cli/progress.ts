/** Progress lines on stderr, so stdout stays free for data. */
import type { Progress } from '../engine/booster.ts';

export function log(message: string): void {
  process.stderr.write(`talaty-runner: ${message}\n`);
}

export function progressLine(total: number, lossName: string) {
  return (p: Progress) => {
    const valid = p.validLoss === null ? '' : `  valid ${lossName} ${p.validLoss.toFixed(5)}`;
    log(
      `iteration ${p.iteration}/${total}  train ${lossName} ${p.trainLoss.toFixed(5)}${valid}  ${p.elapsedS.toFixed(1)} s`,
    );
  };
}
