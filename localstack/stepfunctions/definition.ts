/**
 * Walking an Amazon States Language definition: every state by name, the states of Parallel
 * branches and Map processors included (the engine keys its local overrides by state name, at
 * any depth). And the copy the engine runs: aws-local-stepfunctions gives a Task without
 * TimeoutSeconds 60 s, where AWS gives it 99999999 s, and Node's timers overflow past 2^31 ms, so
 * the engine's copy carries an explicit, timer-safe TimeoutSeconds on every such Task.
 */

export interface StateDefinition {
  readonly Type: string;
  readonly Resource?: string;
  readonly TimeoutSeconds?: number;
  readonly TimeoutSecondsPath?: string;
  readonly HeartbeatSeconds?: number;
  readonly Retry?: unknown[];
  readonly Branches?: MachineDefinition[];
  readonly Iterator?: MachineDefinition;
  readonly ItemProcessor?: MachineDefinition;
}

export interface MachineDefinition {
  readonly StartAt?: string;
  readonly TimeoutSeconds?: number;
  readonly States?: Readonly<Record<string, StateDefinition>>;
}

/** The longest timeout a Node timer holds (2^31 - 1 ms), in whole seconds. */
const MAX_TIMER_SECONDS = 2_147_483;

/** Every state as [name, definition], depth first. */
export function statesOf(definition: MachineDefinition): Array<[string, StateDefinition]> {
  return Object.entries(definition.States ?? {}).flatMap(
    ([name, state]): Array<[string, StateDefinition]> => [
      [name, state],
      ...(state.Branches ?? []).flatMap(statesOf),
      ...[state.Iterator, state.ItemProcessor].flatMap((d) => (d === undefined ? [] : statesOf(d))),
    ],
  );
}

/** A deep copy for the engine, every timeout explicit and timer-safe. */
export function forEngine(definition: MachineDefinition): MachineDefinition {
  const copy = structuredClone(definition) as { TimeoutSeconds?: number };
  if (copy.TimeoutSeconds !== undefined) copy.TimeoutSeconds = Math.min(copy.TimeoutSeconds, MAX_TIMER_SECONDS);
  for (const [, state] of statesOf(copy as MachineDefinition)) {
    if (state.Type !== 'Task' || state.TimeoutSecondsPath !== undefined) continue;
    (state as { TimeoutSeconds?: number }).TimeoutSeconds = Math.min(
      state.TimeoutSeconds ?? MAX_TIMER_SECONDS,
      MAX_TIMER_SECONDS,
    );
  }
  return copy as MachineDefinition;
}
