/**
 * The `newsbite` command: a thin shell over the library. Each command lives in
 * commands/<name>.ts and registers itself here.
 */
import { Command, CommanderError } from 'commander';
import { isNewsBiteError } from '../errors.js';
import { commandsFor } from './commands/index.js';
import { createContext, type RegisterCommand } from './context.js';

/** The program with the given commands registered (main() passes only the one being run). */
export function buildProgram(commands: RegisterCommand[]): Command {
  const program = new Command('newsbite')
    .description('NewsBite: clean, attributed, deduplicated news bites from feeds, pages and pasted copies')
    .version('0.1.0')
    .option('--debug', 'show stack traces and debug output')
    .option(
      '--data-dir <dir>',
      'data directory (default: $NEWSBITE_DATA_DIR, $XDG_DATA_HOME/newsbite or ./data)',
    )
    .showHelpAfterError()
    .exitOverride();
  const ctx = createContext(program);
  for (const register of commands) register(program, ctx);
  return program;
}

export async function main(argv = process.argv): Promise<number> {
  let program: Command;
  try {
    program = buildProgram(await commandsFor(argv));
  } catch (error) {
    process.stderr.write(
      `newsbite: could not load the command: ${(error as Error)?.message ?? String(error)}\n`,
    );
    return 70;
  }
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed help / the usage error.
      return error.exitCode;
    }
    const debug = argv.includes('--debug');
    if (isNewsBiteError(error)) {
      process.stderr.write(`newsbite: ${error.message}\n`);
      if (debug && error.stack) process.stderr.write(error.stack + '\n');
      return 1;
    }
    process.stderr.write(`newsbite: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    if (debug) process.stderr.write(((error as Error)?.stack ?? '') + '\n');
    else process.stderr.write('(run again with --debug for details)\n');
    return 70;
  }
}
