/** `newsbite poll [--once]`: fetch due feeds into the store; without --once, keep polling. */
import type { Command } from 'commander';
import { NewsBiteError } from '../../errors.js';
import type { PollResult } from '../../jobs/index.js';
import type { CliContext } from '../context.js';
import { progress } from '../io.js';
import { printJson, printLine } from '../output.js';

interface PollCliOptions {
  once?: boolean;
  force?: boolean;
  feed?: string[];
  json?: boolean;
}

function describe(r: PollResult): string {
  const name = r.title ?? r.url;
  if (r.status === 'error') return `! ${name}: ${r.error}`;
  if (r.status === 'not-modified') return `= ${name}: not modified`;
  const pages = r.pageErrors ? `, ${r.pageErrors} pages failed (feed text kept)` : '';
  return `+ ${name}: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged${pages}`;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('poll')
    .description('fetch feeds that are due and store their new articles (Ctrl-C stops)')
    .option('--once', 'poll once and exit')
    .option('--force', 'poll every feed now, due or not (conditional GET keeps it cheap)')
    .option('--feed <id...>', 'only these feed ids')
    .option('--json', 'print one result per feed as JSON')
    .action(async (opts: PollCliOptions) => {
      const config = ctx.config();
      const feedIds = opts.feed?.map((id) => {
        const n = Number(id);
        if (!Number.isInteger(n) || n < 1)
          throw new NewsBiteError('INPUT_INVALID', `--feed ${id}: expected a feed id (see newsbite list)`);
        return n;
      });
      const { withStore } = await import('../../jobs/cli-support.js');
      const { Poller } = await import('../../jobs/poller.js');
      await withStore(config, async (store) => {
        const poller = new Poller(store, config);
        try {
          if (opts.once || opts.force || feedIds) {
            const bar = opts.json ? undefined : progress('polling');
            const results = await poller
              .pollOnce({
                force: opts.force,
                feedIds,
                onTotal: (n) => bar?.setTotal(n),
                onResult: () => bar?.tick(),
              })
              .finally(() => bar?.stop());
            if (opts.json) return printJson(results);
            for (const r of results) printLine(describe(r));
            const sum = (k: 'inserted' | 'updated') => results.reduce((n, r) => n + r[k], 0);
            const failed = results.filter((r) => r.status === 'error').length;
            printLine(
              `${results.length} feeds polled: ${sum('inserted')} new articles, ${sum('updated')} updated, ${failed} feeds failed`,
            );
            return;
          }
          const controller = new AbortController();
          const stop = () => controller.abort();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          process.stderr.write('polling; Ctrl-C to stop\n');
          try {
            await poller.run({
              signal: controller.signal,
              onResult: (r) =>
                opts.json
                  ? process.stdout.write(`${JSON.stringify(r)}\n`)
                  : printLine(`${new Date().toISOString()} ${describe(r)}`),
            });
          } finally {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
          }
        } finally {
          await poller.close();
        }
      });
    });
}
