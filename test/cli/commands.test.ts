/** The CLI loads only the command being run; help and unknown commands get all of them. */
import { describe, expect, it } from 'vitest';
import { commandModules, commandsFor } from '../../src/cli/commands/index.js';
import { buildProgram } from '../../src/cli/main.js';

const argv = (...args: string[]) => ['node', 'newsbite', ...args];
const names = async (...args: string[]) =>
  buildProgram(await commandsFor(argv(...args))).commands.map((c) => c.name());

describe('command loading', () => {
  it('registers only the named command, also after global options', async () => {
    expect(await names('serve', '--port', '9000')).toEqual(['serve']);
    expect(await names('--data-dir', 'serve', 'user', 'list')).toEqual(['user']);
    expect(await names('--debug', '--data-dir=/tmp/x', 'search', 'flood')).toEqual(['search']);
  });

  it('registers every command, in order, for help, version and unknown commands', async () => {
    const all = commandModules.map((c) => c.name);
    expect(await names('--help')).toEqual(all);
    expect(await names()).toEqual(all);
    expect(await names('help', 'serve')).toEqual(all);
    expect(await names('sevre')).toEqual(all);
  });
});
