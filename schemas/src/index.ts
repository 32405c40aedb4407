/** Talaty's v0 domain model. Types are the zod outputs; the JSON Schemas in v0/ derive from these. */
import type { z } from 'zod';
import type { documents } from './documents.ts';

export * from './artifact-policy.ts';
export * from './common.ts';
export * from './dataset.ts';
export * from './documents.ts';
export * from './errors.ts';
export * from './evaluation-policy.ts';
export * from './feature.ts';
export * from './feature-set.ts';
export * from './metrics.ts';
export * from './model.ts';
export * from './model-artifact.ts';
export * from './model-params.ts';
export * from './run.ts';
export * from './run-spec.ts';
export * from './runner.ts';
export * from './split-policy.ts';

type Docs = typeof documents;
export type Dataset = z.output<Docs['Dataset']>;
export type DatasetVersion = z.output<Docs['DatasetVersion']>;
export type Feature = z.output<Docs['Feature']>;
export type FeatureSet = z.output<Docs['FeatureSet']>;
export type FeatureSetVersion = z.output<Docs['FeatureSetVersion']>;
export type ModelParams = z.output<Docs['ModelParams']>;
export type SplitPolicy = z.output<Docs['SplitPolicy']>;
export type EvaluationPolicy = z.output<Docs['EvaluationPolicy']>;
export type ArtifactPolicy = z.output<Docs['ArtifactPolicy']>;
export type RunSpec = z.output<Docs['RunSpec']>;
export type Run = z.output<Docs['Run']>;
export type RunEvent = z.output<Docs['RunEvent']>;
export type Model = z.output<Docs['Model']>;
export type ModelVersion = z.output<Docs['ModelVersion']>;
export type RunManifest = z.output<Docs['RunManifest']>;
export type RunResult = z.output<Docs['RunResult']>;
export type Metrics = z.output<Docs['Metrics']>;
export type ModelArtifact = z.output<Docs['ModelArtifact']>;
export type ErrorResponse = z.output<Docs['ErrorResponse']>;

// Parts of documents, for code that builds them piece by piece (the runner).
export type ArtifactFeature = z.output<typeof import('./model-artifact.ts').ArtifactFeature>;
export type Tree = z.output<typeof import('./model-artifact.ts').Tree>;
export type ScoreScaling = z.output<typeof import('./artifact-policy.ts').ScoreScaling>;
export type TargetDefinition = z.output<typeof import('./feature-set.ts').TargetDefinition>;
export type SplitMetrics = z.output<typeof import('./metrics.ts').SplitMetrics>;
export type GainsRow = z.output<typeof import('./metrics.ts').GainsRow>;
export type CalibrationBin = z.output<typeof import('./metrics.ts').CalibrationBin>;
export type HosmerLemeshow = z.output<typeof import('./metrics.ts').HosmerLemeshow>;
export type RocPoint = z.output<typeof import('./metrics.ts').RocPoint>;
export type KsPoint = z.output<typeof import('./metrics.ts').KsPoint>;
export type FeatureImportance = z.output<typeof import('./metrics.ts').FeatureImportance>;
