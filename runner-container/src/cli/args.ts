/** Flag parsing for the CLI: --name value pairs and boolean switches; anything else is an error. */

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface FlagSpec {
  readonly values: readonly string[];
  readonly switches?: readonly string[];
  readonly required?: readonly string[];
}

export function parseFlags(command: string, argv: readonly string[], spec: FlagSpec): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new UsageError(`${command}: unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (spec.switches?.includes(name)) {
      flags.set(name, true);
    } else if (spec.values.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        throw new UsageError(`${command}: --${name} needs a value`);
      }
      flags.set(name, value);
    } else {
      const known = [...spec.values, ...(spec.switches ?? [])].map((f) => `--${f}`).join(', ');
      throw new UsageError(`${command}: unknown option --${name} (known: ${known})`);
    }
  }
  for (const name of spec.required ?? []) {
    if (!flags.has(name)) throw new UsageError(`${command}: --${name} is required`);
  }
  return flags;
}

export function stringFlag(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
