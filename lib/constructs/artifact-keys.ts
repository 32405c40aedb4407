/**
 * The artifact bucket's key layout (ARCHITECTURE.md, storage layout) as the folders and IAM key
 * patterns that grants name: one place for the constructs that grant them and for nag.ts, which
 * acknowledges each pattern's wildcard.
 */

/** Every object of every dataset version: `datasets/{dataset_id}/{version}/data.<ext>` and the rest. */
export const DATASET_OBJECTS = 'datasets/*';
/**
 * Only the uploaded data objects, `datasets/{dataset_id}/{version}/data.<ext>` (a cancelled upload's
 * are deleted); IAM's `*` also spans `/`, so this is every version's data object, never a profile.
 */
export const DATASET_UPLOADS = 'datasets/*/data.*';
/** Only the profiles the profiler writes, `datasets/{dataset_id}/{version}/profile.json`. */
export const DATASET_PROFILES = 'datasets/*/profile.json';

/** The folder of every run's objects, `runs/{run_id}/…`. */
export const RUNS_FOLDER = 'runs/';
/** Every object of every run: manifest, model, metrics, result, predictions, logs. */
export const RUN_OBJECTS = `${RUNS_FOLDER}*`;
/** Only the manifests Prepare writes and the runner reads, `runs/{run_id}/manifest.json`. */
export const RUN_MANIFESTS = `${RUNS_FOLDER}*/manifest.json`;
/** Only each run's result document, `runs/{run_id}/result.json`: the runner removes an earlier attempt's. */
export const RUN_RESULTS = `${RUNS_FOLDER}*/result.json`;
/** Every run's report, `reports/{run_id}/report.html`. */
export const REPORT_OBJECTS = 'reports/*';
/** Registered models, `models/{model_id}/{version}/model.json`. */
export const MODEL_OBJECTS = 'models/*';
