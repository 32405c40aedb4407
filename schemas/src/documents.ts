/**
 * The v0 documents: every schema published as schemas/v0/<Name>.json, in index order. Adding a
 * schema here is all it takes to generate its JSON Schema, its TypeScript type and its tests.
 */
import type { z } from 'zod';
import { ArtifactPolicy } from './artifact-policy.ts';
import { Dataset, DatasetProfile, DatasetVersion } from './dataset.ts';
import { ErrorResponse } from './errors.ts';
import { EvaluationPolicy } from './evaluation-policy.ts';
import { Feature } from './feature.ts';
import { FeatureSet, FeatureSetVersion } from './feature-set.ts';
import { Metrics } from './metrics.ts';
import { Model, ModelVersion } from './model.ts';
import { ModelArtifact } from './model-artifact.ts';
import { ModelParams } from './model-params.ts';
import { Run, RunEvent } from './run.ts';
import { RunSpec } from './run-spec.ts';
import { RunManifest, RunResult } from './runner.ts';
import { SplitPolicy } from './split-policy.ts';

export const SCHEMA_VERSION = 'v0';

export const documents = {
  Dataset,
  DatasetVersion,
  DatasetProfile,
  Feature,
  FeatureSet,
  FeatureSetVersion,
  ModelParams,
  SplitPolicy,
  EvaluationPolicy,
  ArtifactPolicy,
  RunSpec,
  Run,
  RunEvent,
  Model,
  ModelVersion,
  RunManifest,
  RunResult,
  Metrics,
  ModelArtifact,
  ErrorResponse,
} satisfies Record<string, z.ZodType>;

export type DocumentName = keyof typeof documents;

export const documentNames = Object.keys(documents) as DocumentName[];
