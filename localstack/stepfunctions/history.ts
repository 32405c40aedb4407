/**
 * An execution's event history in AWS's GetExecutionHistory shapes: sequential ids, each event's
 * `previousEventId`, epoch-second timestamps and the `<type>EventDetails` member AWS fills for its
 * type. The engine's own events (state entered/exited, timeouts) become `<StateType>StateEntered`
 * and friends; task events (scheduled, started, submitted, succeeded, failed) come from the local
 * task handlers; the execution's start and end are added by the execution itself.
 */

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** Epoch seconds, as the JSON 1.0 protocol carries timestamps. */
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

/** Members holding execution data that `includeExecutionData: false` leaves out. */
const DATA_MEMBERS = new Set(['input', 'output', 'parameters']);

/**
 * The member AWS puts an event's details in: `stateEnteredEventDetails` for every `<Type>StateEntered`,
 * `stateExitedEventDetails` for every `<Type>StateExited`, else the type's own (`TaskFailed` →
 * `taskFailedEventDetails`).
 */
function detailsMember(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

export const json = (value: unknown): string => JSON.stringify(value ?? null);

/** `{ input, inputDetails: { truncated: false } }`, the shape of every data member AWS returns. */
export const data = (name: 'input' | 'output', value: unknown): Record<string, unknown> => ({
  [name]: json(value),
  [`${name}Details`]: { truncated: false },
});

export interface HistoryPage {
  readonly events: HistoryEvent[];
  /** The id of the next event in the page's direction; undefined on the last page. */
  readonly next: number | undefined;
}

export class History {
  private readonly events: HistoryEvent[] = [];
  private closed = false;

  /** Appends an event; `details` go into the member AWS names for the type. Ignored once closed. */
  add(type: string, details?: Record<string, unknown>, at: number = Date.now()): void {
    if (this.closed) return;
    const id = this.events.length + 1;
    this.events.push({
      id,
      previousEventId: id - 1,
      timestamp: at / 1000,
      type,
      ...(details === undefined ? {} : { [detailsMember(type)]: details }),
    });
  }

  /** Adds the final event; nothing is recorded after it. */
  close(type: string, details?: Record<string, unknown>): void {
    this.add(type, details);
    this.closed = true;
  }

  /**
   * Up to `max` events from event id `cursor` on (the first, or with `reverse` the last, when
   * undefined), without input/output unless `includeData`. Ids never change, so a cursor stays
   * valid while events are added.
   */
  page(cursor: number | undefined, max: number, reverse: boolean, includeData: boolean): HistoryPage {
    const start = cursor ?? (reverse ? this.events.length : 1);
    const [from, to] = reverse
      ? [Math.max(1, start - max + 1), start]
      : [start, Math.min(this.events.length, start + max - 1)];
    const slice = this.events.slice(from - 1, to);
    const events = (reverse ? slice.reverse() : slice).map((e) => (includeData ? e : withoutData(e)));
    const next = reverse ? (from > 1 ? from - 1 : undefined) : to < this.events.length ? to + 1 : undefined;
    return { events, next };
  }
}

function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: Record<string, unknown> = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventDetails') || value === null || typeof value !== 'object') continue;
    copy[key] = Object.fromEntries(Object.entries(value).filter(([k]) => !DATA_MEMBERS.has(k)));
  }
  return copy as HistoryEvent;
}
