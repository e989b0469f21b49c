/** `newsbite export [--out file]`: every subscription as OPML. */
import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { NewsBiteError } from '../../errors.js';
import type { CliContext } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('write your subscriptions as OPML (to standard output, or --out FILE)')
    .option('--out <file>', 'write to this file')
    .action(async (opts: { out?: string }) => {
      const config = ctx.config();
      const { withStore } = await import('../../jobs/cli-support.js');
      const { exportOpml } = await import('../../jobs/sources.js');
      const opml = await withStore(config, (store) => exportOpml(store));
      if (!opts.out || opts.out === '-') {
        process.stdout.write(opml.endsWith('\n') ? opml : `${opml}\n`);
        return;
      }
      try {
        await fs.writeFile(opts.out, opml);
      } catch (error) {
        throw new NewsBiteError(
          'INPUT_UNREADABLE',
          `${opts.out}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        );
      }
      process.stderr.write(`wrote ${opts.out}\n`);
    });
}
