/** A download link for one run artifact (a presigned URL the API hands out), or why there is none. */
import { formatBytes } from '../../../components/format.ts';
import { errorMessage } from '../../../lib/api.ts';
import { type ArtifactName, useRunArtifact } from '../../../lib/queries/get-run-artifact.ts';

export function ArtifactDownload(props: { runId: string; name: ArtifactName }) {
  const links = useRunArtifact(props.runId, props.name);
  if (links.isPending) return <span className="muted">Preparing the {props.name} link…</span>;
  if (links.isError) return <span className="muted">{errorMessage(links.error)}</span>;
  return (
    <>
      {links.data.files.map((f) => (
        <a key={f.file} className="button" href={f.url} download={f.file.split('/').pop()}>
          Download {f.file} ({formatBytes(f.size_bytes)})
        </a>
      ))}
    </>
  );
}
