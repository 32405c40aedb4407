/** Scoring with a model artifact; importable without the trainer. */
export { encodeFeatures, InputError } from './encode.ts';
export { importance } from './importance.ts';
export { type CompiledModel, compileModel, points, predictRaw, probability } from './predictor.ts';
export { contributions, expectedValue } from './treeshap.ts';
