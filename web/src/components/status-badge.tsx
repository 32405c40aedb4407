/** A status word with a colour that never carries the meaning alone (the word is always shown). */
const tone: Record<string, string> = {
  READY: 'good',
  PUBLISHED: 'good',
  SUCCEEDED: 'good',
  PASSED: 'good',
  PRODUCTION: 'good',
  FAILED: 'bad',
  CANCELLED: 'muted',
  ARCHIVED: 'muted',
  DRAFT: 'muted',
  QUEUED: 'busy',
  RUNNING: 'busy',
  PROFILING: 'busy',
  PENDING_UPLOAD: 'busy',
};

export function StatusBadge(props: { status: string }) {
  return <span className={`badge badge-${tone[props.status] ?? 'muted'}`}>{props.status.replaceAll('_', ' ')}</span>;
}
