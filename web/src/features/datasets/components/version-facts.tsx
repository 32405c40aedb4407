/** What is known about one version: status, digest, shape, dates, who made it and where it lives. */
import type { DatasetVersion } from '@talaty/schemas';
import type { ReactNode } from 'react';
import { formatBytes, formatCount, formatDateTime } from '../../../components/format.ts';
import { StatusBadge } from '../../../components/status-badge.tsx';

const delimiterName: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export function VersionFacts(props: { version: DatasetVersion }) {
  const v = props.version;
  const facts: [string, ReactNode][] = [
    ['Status', <StatusBadge key="s" status={v.status} />],
    ['Rows', formatCount(v.row_count)],
    ['Columns', v.columns === null ? '—' : v.columns.length],
    ['Size', formatBytes(v.size_bytes)],
    ['Format', v.delimiter === null ? v.format : `${v.format} (${delimiterName[v.delimiter] ?? v.delimiter})`],
    ['As of', v.as_of ?? '—'],
    ['Target column', v.target_column ?? '—'],
    ['Created by', v.created_by],
    ['Created', formatDateTime(v.created_at)],
    ['Status changed', formatDateTime(v.updated_at)],
  ];
  return (
    <>
      <dl className="stats version-facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <dl className="version-locations">
        <dt>SHA-256</dt>
        <dd>
          <code>{v.sha256 ?? 'not computed yet'}</code>
        </dd>
        <dt>Stored at</dt>
        <dd>
          <code>{v.storage_uri}</code>
        </dd>
        {v.profile_uri === null ? null : (
          <>
            <dt>Profile</dt>
            <dd>
              <code>{v.profile_uri}</code>
            </dd>
          </>
        )}
      </dl>
    </>
  );
}
