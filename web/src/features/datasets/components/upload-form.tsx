/**
 * "Upload a new version": the file and how to read it (format from the file name, delimiter, as-of
 * date, target column). Fields the API refuses show its message; the rest shows by the button.
 */
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Field, formError } from '../../../components/field.tsx';
import { errorUnder, pathsUnder } from '../../../components/field-errors.ts';
import type { VersionSettings } from '../api/upload-dataset-version.ts';

type Format = VersionSettings['format'];

/** The format a file name suggests. */
export const formatOf = (fileName: string): Format => {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.parquet')) return 'parquet';
  if (lower.endsWith('.gz')) return 'csv.gz';
  return 'csv';
};

const FIELDS = ['format', 'delimiter', 'as_of', 'target_column', 'size_bytes'];

export function UploadForm(props: {
  pending: boolean;
  error: unknown;
  /** Column names of an earlier version, offered for the target column. */
  columns: readonly string[];
  onSubmit: (file: File, settings: VersionSettings) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const [format, setFormat] = useState<Format>('csv');
  const [delimiter, setDelimiter] = useState('');
  const [asOf, setAsOf] = useState('');
  const [target, setTarget] = useState('');
  const columnsId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissingFile(file === null);
    if (file === null) return;
    const settings: VersionSettings = {
      format,
      ...(format !== 'parquet' && delimiter !== '' ? { delimiter: delimiter as ',' | ';' | '\t' } : {}),
      ...(asOf === '' ? {} : { as_of: asOf }),
      ...(target.trim() === '' ? {} : { target_column: target.trim() }),
    };
    props.onSubmit(file, settings);
  };

  const fileError = missingFile ? 'Choose a file to upload.' : errorUnder(props.error, 'size_bytes');
  return (
    <form onSubmit={submit} noValidate>
      <Field label="File" error={fileError} hint="CSV with a header row, gzip-compressed CSV (.csv.gz) or Parquet.">
        {(control) => (
          <input
            {...control}
            type="file"
            name="file"
            accept=".csv,.gz,.csv.gz,.parquet,text/csv"
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              if (chosen !== null) {
                setFormat(formatOf(chosen.name));
                setMissingFile(false);
              }
            }}
          />
        )}
      </Field>
      <div className="form-grid">
        <Field label="Format" error={errorUnder(props.error, 'format')}>
          {(control) => (
            <select {...control} name="format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
              <option value="csv">CSV</option>
              <option value="csv.gz">CSV, gzip-compressed</option>
              <option value="parquet">Parquet</option>
            </select>
          )}
        </Field>
        <Field label="Delimiter" error={errorUnder(props.error, 'delimiter')}>
          {(control) => (
            <select
              {...control}
              name="delimiter"
              value={format === 'parquet' ? '' : delimiter}
              disabled={format === 'parquet'}
              onChange={(e) => setDelimiter(e.target.value)}
            >
              <option value="">{format === 'parquet' ? 'None (Parquet)' : 'Detect from the header'}</option>
              <option value=",">Comma ( , )</option>
              <option value=";">Semicolon ( ; )</option>
              <option value={'\t'}>Tab</option>
            </select>
          )}
        </Field>
        <Field label="As of" error={errorUnder(props.error, 'as_of')} hint="The date the data describes.">
          {(control) => (
            <input {...control} type="date" name="as_of" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          )}
        </Field>
        <Field
          label="Target column"
          error={errorUnder(props.error, 'target_column')}
          hint="Optional: profiling reports its classes and share of 1s."
        >
          {(control) => (
            <input
              {...control}
              name="target_column"
              autoComplete="off"
              spellCheck={false}
              list={props.columns.length === 0 ? undefined : columnsId}
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            />
          )}
        </Field>
      </div>
      {props.columns.length === 0 ? null : (
        <datalist id={columnsId}>
          {props.columns.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.pending}>
          Upload
        </button>
      </div>
      <ErrorMessage error={formError(props.error, pathsUnder(props.error, ...FIELDS))} />
    </form>
  );
}
