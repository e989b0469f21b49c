/** `newsbite add <site-or-feed-url>`: subscribe, discovering the feed of a site. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { printJson, printLine } from '../output.js';

interface AddCliOptions {
  category?: string;
  title?: string;
  check: boolean;
  json?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('add')
    .description(
      'subscribe to a feed, or to a site whose feed is discovered (<link rel="alternate">, common paths)',
    )
    .argument('<url>', 'feed URL or site URL')
    .option('--category <name>', 'category (folder) for the feed')
    .option('--title <title>', 'title to show instead of the feed’s own')
    .option('--no-check', 'subscribe to the URL as given, without fetching it')
    .option('--json', 'print the new feed as JSON')
    .action(async (url: string, opts: AddCliOptions) => {
      const config = ctx.config();
      const { withFetcher, withStore } = await import('../../jobs/cli-support.js');
      const { addFeed } = await import('../../jobs/sources.js');
      const added = await withStore(config, (store) =>
        withFetcher(config, (fetcher) =>
          addFeed(store, fetcher, url, { category: opts.category, title: opts.title, noCheck: !opts.check }),
        ),
      );
      if (opts.json) return printJson({ ...added.feed, via: added.via, entries: added.entries });
      const how = {
        direct: '',
        link: ' (found through the page’s feed link)',
        'common-path': ' (found at a common feed path)',
        unchecked: ' (not checked)',
      }[added.via];
      printLine(`added feed ${added.feed.id}: ${added.feed.title ?? added.feed.url}${how}`);
      printLine(`  ${added.feed.url}${added.entries !== undefined ? ` · ${added.entries} entries now` : ''}`);
      printLine('  run `newsbite poll --once` to fetch its articles');
    });
}
