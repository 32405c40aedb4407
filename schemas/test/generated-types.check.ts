/**
 * Compile-time test, run by `npm run typecheck`: the TypeScript types generated from the JSON
 * Schemas are exactly the zod output types (and neither is `any`), so clients using either see the same shapes.
 */
import type * as zodTypes from '../src/index.ts';
import type * as generated from '../v0/types.ts';

type IsAny<T> = 0 extends 1 & T ? true : false;
type Same<A, B> =
  IsAny<A> extends true
    ? false
    : IsAny<B> extends true
      ? false
      : [A] extends [B]
        ? [B] extends [A]
          ? true
          : false
        : false;
type Expect<T extends true> = T;

export type Parity = [
  Expect<Same<zodTypes.Dataset, generated.Dataset>>,
  Expect<Same<zodTypes.DatasetVersion, generated.DatasetVersion>>,
  Expect<Same<zodTypes.Feature, generated.Feature>>,
  Expect<Same<zodTypes.FeatureSet, generated.FeatureSet>>,
  Expect<Same<zodTypes.FeatureSetVersion, generated.FeatureSetVersion>>,
  Expect<Same<zodTypes.ModelParams, generated.ModelParams>>,
  Expect<Same<zodTypes.SplitPolicy, generated.SplitPolicy>>,
  Expect<Same<zodTypes.EvaluationPolicy, generated.EvaluationPolicy>>,
  Expect<Same<zodTypes.ArtifactPolicy, generated.ArtifactPolicy>>,
  Expect<Same<zodTypes.RunSpec, generated.RunSpec>>,
  Expect<Same<zodTypes.Run, generated.Run>>,
  Expect<Same<zodTypes.RunEvent, generated.RunEvent>>,
  Expect<Same<zodTypes.Model, generated.Model>>,
  Expect<Same<zodTypes.ModelVersion, generated.ModelVersion>>,
  Expect<Same<zodTypes.RunManifest, generated.RunManifest>>,
  Expect<Same<zodTypes.RunResult, generated.RunResult>>,
  Expect<Same<zodTypes.Metrics, generated.Metrics>>,
  Expect<Same<zodTypes.ModelArtifact, generated.ModelArtifact>>,
  Expect<Same<zodTypes.ErrorResponse, generated.ErrorResponse>>,
];
