/** `newsbite search <query>`: full-text search over stored articles. */
import type { Command } from 'commander';
import { NewsBiteError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { printJson, printLine } from '../output.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('search')
    .description(
      'search stored articles: words, "phrases", -exclude, a OR b, intitle:, author:, source:, before:/after:YYYY-MM-DD',
    )
    .argument('<query...>', 'what to look for')
    // `-word` excludes a word: it is part of the query, not an option.
    .allowUnknownOption()
    .option('--limit <n>', 'at most this many results (default 20)', '20')
    .option('--json', 'print the results as JSON')
    .action(async (words: string[], opts: { limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw new NewsBiteError(
          'INPUT_INVALID',
          `--limit ${opts.limit}: expected a whole number from 1 to 500`,
        );
      }
      const config = ctx.config();
      const { withStore } = await import('../../jobs/cli-support.js');
      const query = words.join(' ');
      const hits = await withStore(config, (store) =>
        store.search(query, { limit, marks: opts.json ? ['', ''] : ['*', '*'] }),
      );
      if (opts.json) return printJson(hits);
      if (!hits.length) {
        printLine(`nothing found for ${query}`);
        return;
      }
      for (const hit of hits) {
        const meta = [hit.sourceName ?? hit.feedTitle, hit.published?.slice(0, 10)]
          .filter(Boolean)
          .join(', ');
        printLine(`[${hit.id}] ${hit.headline ?? '(untitled)'}${meta ? ` — ${meta}` : ''}`);
        printLine(`     ${hit.snippet.replace(/\s+/g, ' ')}`);
        if (hit.url) printLine(`     ${hit.url}`);
      }
    });
}
