/** The columns a feature definition shows in every table of this feature: catalog, version, compare. */
import type { ReactNode } from 'react';
import type { Column } from '../../../components/data-table.tsx';
import { missingPolicyText } from './feature-draft.ts';
import { Monotone } from './monotone.tsx';
import type { FeatureDefinition } from './version-draft.ts';

type Shown = Pick<FeatureDefinition, 'source_column' | 'kind' | 'monotone' | 'missing_policy' | 'rationale'>;

export const sourceColumn: Column<Shown> = { header: 'Source column', className: 'mono', cell: (f) => f.source_column };
export const kindColumn: Column<Shown> = { header: 'Kind', cell: (f) => f.kind };
export const monotoneColumn: Column<Shown> = { header: 'Monotone', cell: (f) => <Monotone value={f.monotone} /> };
export const missingColumn: Column<Shown> = {
  header: 'Missing values',
  cell: (f) => missingPolicyText(f.missing_policy),
};

/** The rationale, "—" when there is none; `clamp` keeps a long one to two lines (lists of many). */
export const rationaleColumn = (clamp = false): Column<Shown> => ({
  header: 'Rationale',
  cell: (f): ReactNode =>
    f.rationale === '' ? (
      <span className="muted">—</span>
    ) : clamp ? (
      <div className="ff-clamp">{f.rationale}</div>
    ) : (
      f.rationale
    ),
});
