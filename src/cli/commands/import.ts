/** `newsbite import <opml>`: subscribe to every feed of an OPML file, each checked on its own. */
import type { Command } from 'commander';
import { NewsBiteError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { progress, readInputBytes } from '../io.js';
import { printJson, printLine } from '../output.js';

interface ImportCliOptions {
  check: boolean;
  keepFailed: boolean;
  json?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description(
      'import subscriptions from an OPML file (categories kept; one dead feed never fails the file)',
    )
    .argument('<opml>', 'OPML file, or - for standard input')
    .option('--no-check', 'subscribe without fetching each feed first')
    .option('--no-keep-failed', 'skip feeds whose check fails instead of subscribing with their error')
    .option('--json', 'print one result per feed as JSON')
    .action(async (file: string, opts: ImportCliOptions) => {
      const config = ctx.config();
      const bytes = await readInputBytes(file);
      const text = Buffer.from(bytes).toString('utf8');
      if (!text.trim())
        throw new NewsBiteError('INPUT_EMPTY', `${file}: is empty, expected an OPML document`);
      const { withFetcher, withStore } = await import('../../jobs/cli-support.js');
      const { importOpml, readOpml } = await import('../../jobs/sources.js');
      // Parse first, so a file that is not OPML is named in the error before anything is fetched.
      try {
        readOpml(text);
      } catch (error) {
        if (error instanceof NewsBiteError)
          throw new NewsBiteError(error.code, `${file}: ${error.message}`, { cause: error });
        throw error;
      }
      const bar = opts.json ? undefined : progress('importing');
      const results = await withStore(config, (store) =>
        withFetcher(config, (fetcher) =>
          importOpml(store, fetcher, text, {
            noCheck: !opts.check,
            keepFailed: opts.keepFailed,
            onResult: () => bar?.tick(),
          }),
        ),
      ).finally(() => bar?.stop());
      if (results.length === 0)
        throw new NewsBiteError('INPUT_INVALID', `${file}: has no feed outlines (xmlUrl)`);
      if (opts.json) return printJson(results);
      for (const r of results) {
        const mark = r.ok ? (r.status === 'exists' ? '=' : '+') : '!';
        printLine(`${mark} ${r.title ?? r.url}${r.category ? ` [${r.category}]` : ''}: ${r.message}`);
      }
      const count = (status: string) => results.filter((r) => r.status === status).length;
      printLine(
        `${results.length} feeds: ${count('added')} added, ${count('added-with-error')} added with an error, ${count('exists')} already there, ${count('invalid')} skipped`,
      );
    });
}
