/**
 * A synthetic credit-like dataset for benchmarks: a hidden creditworthiness factor, monotone
 * effects (income, utilisation, delinquencies, bureau score…), U-shapes, an interaction,
 * informative and random missing values, weak and pure-noise features, ~7% bad. Deterministic for
 * a given seed. Writes a CSV (last column `default`).
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Random } from '../src/engine/random.ts';

class Normal {
  private spare: number | null = null;
  constructor(private readonly r: Random) {}
  next(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.r.next();
    const v = this.r.next();
    const m = Math.sqrt(-2 * Math.log(u));
    this.spare = m * Math.sin(2 * Math.PI * v);
    return m * Math.cos(2 * Math.PI * v);
  }
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function poisson(r: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = r.next();
  while (p > limit) {
    k++;
    p *= r.next();
  }
  return k;
}

/** One row: features (NaN = missing) and the logit before the intercept. */
function row(r: Random, z: Normal, nFeatures: number, x: Float64Array): number {
  const latent = z.next();
  const corr = (w: number) => w * latent + Math.sqrt(1 - w * w) * z.next();
  let logit = 0;
  x[0] = Math.exp(10.5 + 0.6 * corr(0.5));
  logit += (-0.55 * (Math.log(x[0] as number) - 10.5)) / 0.6;
  x[1] = Math.min(1.5, Math.max(0, sigmoid(corr(-0.6) * 1.3) * 1.2 - 0.05 * Math.log(1 - r.next())));
  logit += 1.6 * (x[1] as number) ** 2;
  x[2] = Math.round(Math.min(480, Math.max(1, 60 + 50 * corr(0.4) + 40 * r.next())));
  logit += -0.9 * Math.log1p((x[2] as number) / 24);
  x[3] = poisson(r, Math.exp(-1.2 - 0.8 * latent));
  logit += 0.7 * Math.min(x[3] as number, 4);
  x[4] = poisson(r, Math.exp(-2.5 - latent));
  logit += 1.1 * Math.sqrt(x[4] as number);
  x[5] = Math.min(5, Math.max(0, 0.3 * -Math.log(1 - r.next()) - 0.05 * latent));
  logit += 1.5 * sigmoid(((x[5] as number) - 0.4) * 12);
  x[6] = Math.round(Math.min(90, Math.max(18, 40 + 12 * corr(0.2))));
  logit += -0.6 * Math.tanh(((x[6] as number) - 35) / 15);
  x[7] = Math.round(Math.min(850, Math.max(300, 680 + 70 * corr(0.8))));
  logit += -0.012 * ((x[7] as number) - 680);
  x[8] = 20 * r.next();
  logit += 0.02 * ((x[8] as number) - 8) ** 2 - 0.5;
  x[9] = z.next();
  logit += 0.3 * (x[9] as number) ** 2 - 0.3;
  x[10] = r.next() < 0.5 ? 0 : 1;
  x[11] = Math.round(10 * r.next());
  logit += (0.25 * (x[11] as number) * (0.3 + (x[10] as number))) / 3;
  for (let j = 12; j < nFeatures; j++) {
    const kind = (j - 12) % 4;
    let v = kind === 0 ? z.next() : kind === 1 ? Math.exp(z.next()) : kind === 2 ? poisson(r, 2) : 2 * r.next() - 1;
    if (j - 12 < Math.floor((nFeatures - 12) / 3)) v += 0.3 * latent;
    x[j] = v;
  }
  logit += -0.5 * latent;
  if (r.next() < (latent < -0.5 ? 0.25 : 0.11)) {
    x[0] = Number.NaN;
    logit += 0.3;
  }
  if (r.next() < 0.03) {
    x[7] = Number.NaN;
    logit += 0.4;
  }
  for (const j of [2, 5, 9, 11, 12, 13, 14, 15]) if (j < nFeatures && r.next() < 0.05) x[j] = Number.NaN;
  return 0.5 * logit;
}

export const SYNTH_INTERCEPT = -3.95;

export async function writeSynth(path: string, rows: number, nFeatures: number, seed: number): Promise<void> {
  const r = new Random(seed);
  const z = new Normal(r);
  const x = new Float64Array(nFeatures);
  const out = createWriteStream(path);
  const names = Array.from({ length: nFeatures }, (_, j) => `f${j}`);
  let buffer = `${names.join(',')},default\n`;
  for (let i = 0; i < rows; i++) {
    const logit = row(r, z, nFeatures, x) + SYNTH_INTERCEPT;
    const y = r.next() < sigmoid(logit) ? 1 : 0;
    for (let j = 0; j < nFeatures; j++) {
      const v = x[j] as number;
      buffer += Number.isNaN(v) ? ',' : `${Number.isInteger(v) ? v : v.toPrecision(7)},`;
    }
    buffer += `${y}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}
