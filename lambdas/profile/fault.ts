/**
 * A reason a dataset cannot be profiled, for a person: a stable code (RAGGED_ROW, NOT_UTF8, …) and
 * a message that says where (line, column) and what to do. Profiling turns it into the version's
 * FAILED status; anything else thrown is a crash of the profiler, not a property of the data.
 */
export class DatasetFault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DatasetFault';
  }
}

/** `1,234,567` for messages. */
export const count = (n: number): string => n.toLocaleString('en-US');

/** Bytes as a person reads them: 1.5 GiB, 300 MiB, 12 KiB, 10 bytes. */
export function bytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${n} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`;
}
