/** talaty-runner: the command-line entry. Returns the exit code. */
import { CsvError } from '../io/csv.ts';
import { ParquetError } from '../io/parquet.ts';
import { InputError } from '../predict/encode.ts';
import { DataError } from '../prepare/target.ts';
import { RUN_USAGE, runCommand } from '../run/command.ts';
import { UsageError } from './args.ts';
import { log } from './progress.ts';
import { SCORE_USAGE, scoreCommand } from './score.ts';
import { TRAIN_USAGE, trainCommand } from './train.ts';

const USAGE = `usage:
  ${TRAIN_USAGE}
  ${SCORE_USAGE}
  ${RUN_USAGE}

Empty cells and NA, N/A, NaN, nan, null, NULL are missing. Gzipped CSV is read as is.`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'train') await trainCommand(rest);
    else if (command === 'score') await scoreCommand(rest);
    else if (command === 'run') return await runCommand(rest);
    else if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    } else throw new UsageError(`unknown command "${command}"`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      log(`error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (
      error instanceof CsvError ||
      error instanceof ParquetError ||
      error instanceof DataError ||
      error instanceof InputError
    ) {
      log(`error: ${error.message}`);
      return 1;
    }
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
