import type { RegisterCommand } from '../context.js';

/**
 * Every command, in the order `--help` lists them. Each module is imported only when needed
 * (main.ts loads just the command being run; help and unknown commands load them all), so one
 * command's heavy imports never slow down another's start.
 */
export const commandModules: { name: string; load: () => Promise<RegisterCommand> }[] = [
  { name: 'read', load: async () => (await import('./read.js')).register },
  { name: 'extract', load: async () => (await import('./extract.js')).register },
  { name: 'bite', load: async () => (await import('./bite.js')).register },
  { name: 'stories', load: async () => (await import('./stories.js')).register },
  { name: 'add', load: async () => (await import('./add.js')).register },
  { name: 'import', load: async () => (await import('./import.js')).register },
  { name: 'export', load: async () => (await import('./export.js')).register },
  { name: 'poll', load: async () => (await import('./poll.js')).register },
  { name: 'list', load: async () => (await import('./list.js')).register },
  { name: 'search', load: async () => (await import('./search.js')).register },
  { name: 'serve', load: async () => (await import('./serve.js')).register },
  { name: 'user', load: async () => (await import('./user.js')).register },
];

/** Global options of `newsbite` that take a value (skipped when looking for the command name). */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--data-dir']);

/** The command modules `argv` needs: the named command alone, or all of them for help and errors. */
export async function commandsFor(argv: readonly string[]): Promise<RegisterCommand[]> {
  const args = argv.slice(2);
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
      continue;
    }
    name = arg;
    break;
  }
  const only = commandModules.find((c) => c.name === name);
  return Promise.all((only ? [only] : commandModules).map((c) => c.load()));
}
