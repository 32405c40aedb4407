/** How numbers, sizes and times read across the app. */
export const formatDateTime = (iso: string | null | undefined): string =>
  iso == null ? '—' : new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export const formatNumber = (value: number | null | undefined, digits = 4): string =>
  value == null || Number.isNaN(value) ? '—' : value.toFixed(digits);

export const formatCount = (value: number | null | undefined): string =>
  value == null ? '—' : value.toLocaleString('en-US');

export const formatPercent = (fraction: number | null | undefined, digits = 1): string =>
  fraction == null ? '—' : `${(fraction * 100).toFixed(digits)} %`;

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
