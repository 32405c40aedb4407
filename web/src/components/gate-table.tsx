/** A run spec's evaluation gates with their bounds; for a run, also the measured value and whether each held. */
import type { Run, RunSpec } from '@talaty/schemas';
import { type Column, DataTable } from './data-table.tsx';
import { formatNumber } from './format.ts';
import { SAMPLE_LABEL } from './samples.ts';

type Gate = RunSpec['evaluation_policy']['gates'][number] & Partial<Pick<Run['gates'][number], 'value' | 'passed'>>;

/** Two gates may be identical: a gate's place in the list is its identity. */
type Row = Gate & { readonly index: number };

const columns: readonly Column<Row>[] = [
  { header: 'Metric', rowHeader: true, cell: (g) => g.metric.toUpperCase() },
  { header: 'Sample', cell: (g) => SAMPLE_LABEL[g.split] },
  { header: 'Min', numeric: true, cell: (g) => g.min ?? '—' },
  { header: 'Max', numeric: true, cell: (g) => g.max ?? '—' },
];

const resultColumns: readonly Column<Row>[] = [
  { header: 'Value', numeric: true, cell: (g) => formatNumber(g.value) },
  {
    header: 'Result',
    cell: (g) => <span className={`badge badge-${g.passed ? 'good' : 'bad'}`}>{g.passed ? 'passed' : 'failed'}</span>,
  },
];

export function GateTable(props: { gates: readonly Gate[]; caption: string; empty: string }) {
  const rows = props.gates.map((g, index) => ({ ...g, index }));
  const results = props.gates.some((g) => g.passed !== undefined);
  return (
    <DataTable
      caption={props.caption}
      rows={rows}
      rowKey={(g) => String(g.index)}
      columns={results ? [...columns, ...resultColumns] : columns}
      empty={props.empty}
    />
  );
}
