/**
 * Dataset uploads: how a PENDING_UPLOAD version receives its bytes (one PUT or a multipart upload,
 * as jsonb), the entity tag of the object that was committed (so a later change to it is detected),
 * and when profiling started (so a version stuck in PROFILING can be expired).
 */
export const statements = [
  `ALTER TABLE dataset_versions
  ADD COLUMN upload jsonb CHECK (upload IS NULL OR jsonb_typeof(upload) = 'object'),
  ADD COLUMN object_etag text CHECK (object_etag IS NULL OR length(object_etag) BETWEEN 1 AND 1024),
  ADD COLUMN profiling_started_at timestamptz,
  ADD CONSTRAINT pending_versions_have_an_upload CHECK (status <> 'PENDING_UPLOAD' OR upload IS NOT NULL)`,
  `CREATE INDEX dataset_versions_open ON dataset_versions (status, updated_at)
  WHERE status IN ('PENDING_UPLOAD', 'PROFILING')`,
];
