import type { Command } from 'commander';
import { NewsBiteError } from '../../errors.js';
import type { CliContext } from '../context.js';

// Placeholder until the command's issue lands.
export function register(program: Command, _ctx: CliContext): void {
  program
    .command('search')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new NewsBiteError('INPUT_INVALID', 'search is not built yet');
    });
}
