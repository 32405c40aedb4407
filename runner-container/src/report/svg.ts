/**
 * Inline SVG charts, no library: a line chart, a grouped bar chart and a horizontal bar chart,
 * each with a <title> and <desc> (named by aria-labelledby), labelled axes and a legend.
 * Coordinates are rounded to one decimal so the output is stable and compact.
 */
import { esc, truncate } from './format.ts';

export interface ChartText {
  /** Unique in the document; prefixes the ids of the title and description. */
  readonly id: string;
  readonly title: string;
  /** What the chart shows, for screen readers and for reviewers reading the source. */
  readonly desc: string;
}

export interface Axis {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly format: (value: number) => string;
}

export interface LineSeries {
  readonly label: string;
  readonly color: string;
  /** stroke-dasharray, so series stay apart in greyscale print. */
  readonly dash?: string | undefined;
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly markers?: boolean;
}

export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly dash?: string | undefined;
}

const W = 480;
/** Height of the plot area, and the margins around it (the top one grows with the legend). */
const PLOT_HEIGHT = 248;
const PLOT = { left: 58, right: 16, bottom: 48 };
const r = (v: number) => (Math.round(v * 10) / 10).toString();

/** About five round tick values covering [min, max]. */
export function ticks(min: number, max: number, target = 5): number[] {
  const step = tickStep(max - min, target);
  const out: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++)
    out.push(Number((k * step).toFixed(12)));
  return out;
}

function tickStep(span: number, target = 5): number {
  const raw = (span || 1) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
}

/** The smallest round number (a multiple of a round step) at or above value; 1 for values ≤ 0. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const step = tickStep(value);
  return Number((Math.ceil(value / step - 1e-9) * step).toFixed(12));
}

/** The chart's geometry once the legend is laid out: the plot spans [top, top + PLOT_HEIGHT]. */
interface Frame {
  readonly top: number;
  readonly height: number;
  readonly legend: string;
}

/** Legend items laid out left to right along the top, wrapping when a row is full. */
function frame(items: ReadonlyArray<LegendItem>): Frame {
  let x = PLOT.left;
  let y = 14;
  const legend = items
    .map((item) => {
      const width = 28 + item.label.length * 6.5 + 14;
      if (x + width > W - PLOT.right && x > PLOT.left) {
        x = PLOT.left;
        y += 16;
      }
      const dash = item.dash ? ` stroke-dasharray="${item.dash}"` : '';
      const out =
        `<line x1="${r(x)}" y1="${y}" x2="${r(x + 22)}" y2="${y}" stroke="${item.color}" stroke-width="3"${dash}/>` +
        `<text x="${r(x + 28)}" y="${y + 4}" class="legend">${esc(item.label)}</text>`;
      x += width;
      return out;
    })
    .join('');
  const top = items.length === 0 ? 16 : y + 22;
  return { top, height: top + PLOT_HEIGHT + PLOT.bottom, legend };
}

function open(text: ChartText, height: number): string {
  return (
    `<svg class="chart" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${esc(text.id)}-title ${esc(text.id)}-desc">` +
    `<title id="${esc(text.id)}-title">${esc(text.title)}</title><desc id="${esc(text.id)}-desc">${esc(text.desc)}</desc>`
  );
}

type Scale = (v: number) => number;

function scales(f: Frame, x: Axis, y: Axis): { sx: Scale; sy: Scale } {
  const sx = (v: number) => PLOT.left + ((v - x.min) / (x.max - x.min || 1)) * (W - PLOT.left - PLOT.right);
  const sy = (v: number) => f.top + PLOT_HEIGHT - ((v - y.min) / (y.max - y.min || 1)) * PLOT_HEIGHT;
  return { sx, sy };
}

function axes(f: Frame, x: Axis, y: Axis, { sx, sy }: { sx: Scale; sy: Scale }, xTicks = true): string {
  const bottom = f.top + PLOT_HEIGHT;
  const parts = ['<g class="axis">'];
  for (const t of ticks(y.min, y.max)) {
    parts.push(
      `<line class="grid" x1="${PLOT.left}" x2="${W - PLOT.right}" y1="${r(sy(t))}" y2="${r(sy(t))}"/>`,
      `<text x="${PLOT.left - 6}" y="${r(sy(t) + 4)}" text-anchor="end">${esc(y.format(t))}</text>`,
    );
  }
  if (xTicks) {
    for (const t of ticks(x.min, x.max)) {
      parts.push(
        `<line x1="${r(sx(t))}" x2="${r(sx(t))}" y1="${bottom}" y2="${bottom + 5}"/>`,
        `<text x="${r(sx(t))}" y="${bottom + 18}" text-anchor="middle">${esc(x.format(t))}</text>`,
      );
    }
  }
  parts.push(
    `<line x1="${PLOT.left}" x2="${W - PLOT.right}" y1="${bottom}" y2="${bottom}"/>`,
    `<line x1="${PLOT.left}" x2="${PLOT.left}" y1="${f.top}" y2="${bottom}"/>`,
    `<text class="label" x="${r((PLOT.left + W - PLOT.right) / 2)}" y="${f.height - 8}" text-anchor="middle">${esc(x.label)}</text>`,
    `<text class="label" transform="translate(14 ${r(f.top + PLOT_HEIGHT / 2)}) rotate(-90)" text-anchor="middle">${esc(y.label)}</text>`,
    '</g>',
  );
  return parts.join('');
}

/** Lines over two numeric axes; `diagonal` draws the y = x reference (chance, perfect calibration). */
export function lineChart(
  text: ChartText,
  x: Axis,
  y: Axis,
  series: ReadonlyArray<LineSeries>,
  options: { diagonal?: LegendItem; overlay?: (sx: Scale, sy: Scale) => string } = {},
): string {
  const diagonal = options.diagonal && { ...options.diagonal, dash: options.diagonal.dash ?? '4 4' };
  const f = frame([...series, ...(diagonal ? [diagonal] : [])]);
  const { sx, sy } = scales(f, x, y);
  const parts = [open(text, f.height), axes(f, x, y, { sx, sy })];
  if (diagonal) {
    const lo = Math.max(x.min, y.min);
    const hi = Math.min(x.max, y.max);
    parts.push(
      `<line x1="${r(sx(lo))}" y1="${r(sy(lo))}" x2="${r(sx(hi))}" y2="${r(sy(hi))}" stroke="${diagonal.color}" stroke-width="1.5" stroke-dasharray="${diagonal.dash}"/>`,
    );
  }
  for (const s of series) {
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    const points = s.points.map(([px, py]) => `${r(sx(px))},${r(sy(py))}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${points}"/>`);
    if (s.markers) {
      for (const [px, py] of s.points) {
        parts.push(`<circle cx="${r(sx(px))}" cy="${r(sy(py))}" r="3" fill="${s.color}"/>`);
      }
    }
  }
  if (options.overlay) parts.push(options.overlay(sx, sy));
  parts.push(f.legend, '</svg>');
  return parts.join('');
}

/** Bars per category, one bar per group side by side (e.g. bads and goods per score bin). */
export function groupedBarChart(
  text: ChartText,
  categories: ReadonlyArray<string>,
  xLabel: string,
  y: Axis,
  groups: ReadonlyArray<{ label: string; color: string; values: ReadonlyArray<number> }>,
): string {
  const x: Axis = { label: xLabel, min: 0, max: categories.length, format: String };
  const f = frame(groups);
  const { sx, sy } = scales(f, x, y);
  const slot = sx(1) - sx(0);
  const bar = (slot * 0.8) / Math.max(1, groups.length);
  const parts = [open(text, f.height), axes(f, x, y, { sx, sy }, false)];
  const labelEvery = Math.max(1, Math.ceil(categories.length / 6));
  categories.forEach((label, i) => {
    groups.forEach((g, j) => {
      const v = g.values[i] ?? 0;
      const top = sy(Math.min(v, y.max));
      parts.push(
        `<rect x="${r(sx(i) + slot * 0.1 + j * bar)}" y="${r(top)}" width="${r(bar)}" height="${r(sy(y.min) - top)}" fill="${g.color}"><title>${esc(`${g.label}, ${label}: ${y.format(v)}`)}</title></rect>`,
      );
    });
    if (i % labelEvery === 0) {
      parts.push(
        `<line x1="${r(sx(i))}" x2="${r(sx(i))}" y1="${f.top + PLOT_HEIGHT}" y2="${f.top + PLOT_HEIGHT + 5}" stroke="#444"/>` +
          `<text class="tick" x="${r(sx(i))}" y="${f.top + PLOT_HEIGHT + 18}" text-anchor="middle">${esc(label)}</text>`,
      );
    }
  });
  parts.push(f.legend, '</svg>');
  return parts.join('');
}

/** One horizontal bar per item, largest first as given, labelled on the left and at the bar's end. */
export function horizontalBarChart(
  text: ChartText,
  items: ReadonlyArray<{ label: string; value: number; note: string }>,
  valueLabel: string,
  color: string,
  format: (value: number) => string,
): string {
  const row = 18;
  const left = 170;
  const right = 110;
  const top = 10;
  const height = top + Math.max(1, items.length) * row + 44;
  const max = Math.max(0, ...items.map((i) => i.value)) || 1;
  const scale = (v: number) => ((W - left - right) * v) / max;
  const parts = [open(text, height), '<g class="axis">'];
  items.forEach((item, i) => {
    const y = top + i * row;
    parts.push(
      `<text x="${left - 6}" y="${y + 13}" text-anchor="end">${esc(truncate(item.label, 26))}</text>`,
      `<rect x="${left}" y="${y + 3}" width="${r(scale(item.value))}" height="${row - 6}" fill="${color}"><title>${esc(item.note)}</title></rect>`,
      `<text x="${r(left + scale(item.value) + 4)}" y="${y + 13}">${esc(format(item.value))}</text>`,
    );
  });
  const bottom = top + items.length * row;
  parts.push(
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${bottom}"/>`,
    `<text class="label" x="${r(left + (W - left - right) / 2)}" y="${bottom + 30}" text-anchor="middle">${esc(valueLabel)}</text>`,
    '</g></svg>',
  );
  return parts.join('');
}
