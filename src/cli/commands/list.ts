/** `newsbite list`: subscriptions with their status, interval and last error. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { printJson, printLine } from '../output.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('list subscriptions: status, article count, poll interval, last and next poll, last error')
    .option('--json', 'print the feeds as JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = ctx.config();
      const { withStore, formatDuration, relativeTime } = await import('../../jobs/cli-support.js');
      const feeds = await withStore(config, (store) => store.listFeeds());
      if (opts.json) {
        return printJson(
          feeds.map((f) => ({
            ...f,
            // Per-feed headers may carry credentials: show which are set, not their values.
            headers: f.headers
              ? Object.fromEntries(Object.keys(f.headers).map((k) => [k, '(set)']))
              : undefined,
            status: f.paused ? 'paused' : f.errorCount > 0 ? 'error' : f.lastSuccessAt ? 'ok' : 'new',
          })),
        );
      }
      if (!feeds.length) {
        printLine('no subscriptions yet: `newsbite add <url>` or `newsbite import <file.opml>`');
        return;
      }
      let category: string | undefined | null = null;
      for (const f of feeds) {
        if (f.category !== category) {
          category = f.category;
          printLine(category ? `\n[${category}]` : '');
        }
        const status = f.paused
          ? 'paused'
          : f.errorCount > 0
            ? `error ×${f.errorCount}`
            : f.lastSuccessAt
              ? 'ok'
              : 'new';
        printLine(`${String(f.id).padStart(4)}  ${status.padEnd(9)} ${f.title ?? '(untitled)'}`);
        printLine(
          `      ${f.url}\n      ${f.articleCount} articles · every ${formatDuration(f.intervalSec)} · polled ${relativeTime(f.lastPolledAt)} · next ${relativeTime(f.nextPollAt)}`,
        );
        if (f.lastError) printLine(`      last error: ${f.lastError}`);
      }
    });
}
