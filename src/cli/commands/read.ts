import type { Command } from 'commander';
import { NewsBiteError } from '../../errors.js';
import { type Article, type Bite, renderMarkdown, renderText } from '../../model/index.js';
import type { ReadResult } from '../../read.js';
import type { CliContext } from '../context.js';
import { readInputBytes } from '../io.js';
import { printJson } from '../output.js';

interface ReadFlags {
  json?: boolean;
  markdown?: boolean;
  html?: boolean;
  text?: boolean;
  url?: string;
}

/** Reads a file, "-" (stdin) or an http(s) URL. */
export async function readAny(input: string, ctx: CliContext, flags: ReadFlags = {}): Promise<ReadResult> {
  if (flags.html && flags.text)
    throw new NewsBiteError('INPUT_INVALID', '--html and --text cannot be used together');
  const kind = flags.html ? 'html' : flags.text ? 'text' : undefined;
  // Loaded here, not at the top: extraction and the NLP model would slow every other command.
  const { read, readUrl } = await import('../../read.js');
  if (/^https?:\/\//i.test(input)) return readUrl(input, ctx.config(), { kind });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    throw new NewsBiteError('FETCH_REFUSED', `${input}: only http and https URLs can be read`);
  }
  const bytes = await readInputBytes(input);
  const name = input === '-' ? 'standard input' : input;
  return read(bytes, { kind, url: flags.url, name });
}

export function formatPlain(article: Article, bite?: Bite): string {
  const lines: string[] = [];
  if (article.headline) lines.push(article.headline);
  if (article.standfirst) lines.push(article.standfirst);
  const meta = [article.siteName, article.authors.join(', '), article.published].filter(Boolean).join(' · ');
  if (meta) lines.push(meta);
  const head = lines.join('\n');
  const parts = [head, renderText(article.blocks)].filter(Boolean);
  if (bite?.summary.length) parts.push(`Summary: ${bite.summary.map((s) => s.text).join(' ')}`);
  if (article.original) {
    const o = article.original;
    parts.push(
      `Originally published by ${o.publisher ?? 'another publication'}${o.title ? `: “${o.title}”` : ''}${o.url ? `\n${o.url}` : ''}`,
    );
  }
  return parts.join('\n\n') + '\n';
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('read')
    .description('print the clean article (and its bite) from a file, - for stdin, or an http(s) URL')
    .argument('<input>', 'file path, - for standard input, or URL')
    .option('--json', 'print the whole Article and Bite as JSON')
    .option('--markdown', 'print Markdown')
    .option('--html', 'treat the input as HTML (default: detected from the content)')
    .option('--text', 'treat the input as pasted text (default: detected from the content)')
    .option('--url <url>', 'the page URL of an HTML file (base for links, canonical checks)')
    .action(async (input: string, flags: ReadFlags) => {
      const result = await readAny(input, ctx, flags);
      if (flags.json) printJson(result);
      else if (flags.markdown) process.stdout.write(renderMarkdown(result.article));
      else process.stdout.write(formatPlain(result.article, result.bite));
    });
}
