import type { Command } from 'commander';
import type { BiteOptions } from '../../analyse/index.js';
import type { Config } from '../../config.js';
import { NewsBiteError } from '../../errors.js';
import type { Article, Bite, Entity } from '../../model/index.js';
import type { CliContext } from '../context.js';
import { JsonlWriter, progress, readInputBytes, readJsonl } from '../io.js';
import { printJson } from '../output.js';

interface BiteFlags {
  json?: boolean;
  markdown?: boolean;
  batch?: string;
  out?: string;
  sentences?: string;
  words?: string;
  llm?: boolean;
  html?: boolean;
  text?: boolean;
}

function positiveInt(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new NewsBiteError('INPUT_INVALID', `${name} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('bite')
    .description(
      'summary, key points, entities, quotes and sourcing of an article (file, - for stdin, or URL)',
    )
    .argument('[input]', 'file path, - for standard input, or http(s) URL')
    .option('--json', 'print the Bite as JSON')
    .option('--markdown', 'print Markdown')
    .option('--batch <in.jsonl>', 'bite every {"id","text","title"?} line of a JSONL(.gz) file')
    .option('--out <out.jsonl>', 'with --batch: write results here (default: standard output)')
    .option('--sentences <n>', 'summary length in sentences (default from config: 3)')
    .option('--words <n>', 'summary length in words, 0 = no cap (default from config: 75)')
    .option('--llm', 'abstractive summary from the configured OpenAI-compatible endpoint (NEWSBITE_LLM_URL)')
    .option('--html', 'treat the input as HTML (default: detected)')
    .option('--text', 'treat the input as pasted text (default: detected)')
    .action(async (input: string | undefined, flags: BiteFlags) => {
      const config = ctx.config();
      const options: BiteOptions = {
        maxSentences: positiveInt(flags.sentences, '--sentences', 1) ?? config.summary.maxSentences,
        maxWords: positiveInt(flags.words, '--words', 0) ?? config.summary.maxWords,
      };
      if (flags.llm && !config.summary.llm) {
        throw new NewsBiteError(
          'CONFIG_INVALID',
          '--llm needs an endpoint: set NEWSBITE_LLM_URL (and NEWSBITE_LLM_MODEL)',
        );
      }
      // Loaded here, not at the top, so other commands do not pay for the NLP model.
      const { bite, biteWithLlm } = await import('../../analyse/index.js');
      const { createApiFetch } = await import('../../fetch/index.js');
      // The LLM endpoint goes through the guarded fetcher too; its configured host is allowed.
      const llmFetch =
        flags.llm && config.summary.llm ? createApiFetch(config.fetch, config.summary.llm.url) : undefined;
      const make = async (article: Article): Promise<Bite> =>
        llmFetch && config.summary.llm
          ? biteWithLlm(article, { ...options, llm: config.summary.llm }, llmFetch)
          : bite(article, options);
      try {
        await runCommand(input, flags, config, make);
      } finally {
        await llmFetch?.close();
      }
    });
}

async function runCommand(
  input: string | undefined,
  flags: BiteFlags,
  config: Config,
  make: (article: Article) => Promise<Bite>,
): Promise<void> {
  if (flags.batch) {
    if (input) throw new NewsBiteError('INPUT_INVALID', 'give either an input or --batch, not both');
    await runBatch(flags.batch, flags.out, make);
    return;
  }
  if (!input)
    throw new NewsBiteError('INPUT_INVALID', 'bite needs an input: a file, - for standard input, or a URL');
  if (flags.html && flags.text)
    throw new NewsBiteError('INPUT_INVALID', '--html and --text cannot be used together');
  const kind = flags.html ? 'html' : flags.text ? 'text' : undefined;
  const { read, readUrl } = await import('../../read.js');
  const article = /^https?:\/\//i.test(input)
    ? (await readUrl(input, config, { kind, withoutBite: true })).article
    : read(await readInputBytes(input), {
        kind,
        name: input === '-' ? 'standard input' : input,
        withoutBite: true,
      }).article;
  const result = await make(article);
  if (flags.json) printJson(result);
  else process.stdout.write(flags.markdown ? formatMarkdown(article, result) : formatText(article, result));
}

async function runBatch(
  file: string,
  out: string | undefined,
  make: (a: Article) => Promise<Bite>,
): Promise<void> {
  const { articleFromText } = await import('../../analyse/index.js');
  const writer = new JsonlWriter(out);
  const bar = progress('bite');
  let done = 0;
  let failed = 0;
  try {
    for await (const row of readJsonl(file)) {
      bar.tick();
      const id =
        typeof row.value?.id === 'string' || typeof row.value?.id === 'number'
          ? String(row.value.id)
          : undefined;
      const text = row.value?.text;
      const title = typeof row.value?.title === 'string' ? row.value.title : undefined;
      if (row.error || id === undefined || typeof text !== 'string') {
        failed++;
        const why = row.error ?? `line ${row.line}: expected {"id", "text", "title"?}`;
        await writer.write({ id: id ?? null, line: row.line, error: why });
        continue;
      }
      const t0 = performance.now();
      try {
        const b = await make(articleFromText(text, title));
        const ms = Math.round((performance.now() - t0) * 100) / 100;
        await writer.write({
          id,
          summary: b.summary.map((s) => s.text).join('\n'),
          keyPoints: b.keyPoints,
          entities: b.entities,
          quotes: b.quotes,
          sourcing: b.sourcing,
          keywords: b.keywords,
          method: b.method,
          ms,
        });
        done++;
      } catch (error) {
        if (!(error instanceof NewsBiteError)) throw error;
        failed++;
        await writer.write({ id, line: row.line, error: error.message });
      }
    }
  } finally {
    bar.stop();
    await writer.close();
  }
  process.stderr.write(
    `bite: ${done} articles${failed ? `, ${failed} lines with errors (see "error" fields)` : ''}\n`,
  );
  if (failed && !done) process.exitCode = 1;
}

const TYPE_LABELS: [Entity['type'], string][] = [
  ['person', 'People'],
  ['organisation', 'Organisations'],
  ['place', 'Places'],
];

function entityLine(entities: Entity[], type: Entity['type']): string {
  return entities
    .filter((e) => e.type === type)
    .slice(0, 12)
    .map((e) => (e.count > 1 ? `${e.name} (${e.count})` : e.name))
    .join(', ');
}

export function formatText(article: Article, b: Bite): string {
  const out: string[] = [];
  if (article.headline) out.push(article.headline, '');
  out.push(`Summary${b.method === 'abstractive' ? ' (LLM)' : ''}:`, ...b.summary.map((s) => `  ${s.text}`));
  if (b.summaryNote) out.push(`  (${b.summaryNote})`);
  if (b.keyPoints.length) out.push('', 'Key points:', ...b.keyPoints.map((k) => `  • ${k}`));
  const ents = TYPE_LABELS.map(([t, label]) => [label, entityLine(b.entities, t)]).filter(([, l]) => l);
  if (ents.length) out.push('', ...ents.map(([label, line]) => `${label}: ${line}`));
  if (b.quotes.length) {
    out.push('', 'Quotes:');
    for (const q of b.quotes)
      out.push(`  “${q.text}” — ${q.speaker ?? 'unattributed'}${q.partial ? ' (partial)' : ''}`);
  }
  out.push('', `Sourcing: ${b.sourcing.note}`);
  if (b.keywords.length) out.push(`Keywords: ${b.keywords.join(', ')}`);
  return out.join('\n') + '\n';
}

export function formatMarkdown(article: Article, b: Bite): string {
  const out: string[] = [];
  if (article.headline) out.push(`# ${article.headline}`, '');
  out.push('## Summary', '', b.summary.map((s) => s.text).join(' '), '');
  if (b.summaryNote) out.push(`_${b.summaryNote}_`, '');
  if (b.keyPoints.length) out.push('## Key points', '', ...b.keyPoints.map((k) => `- ${k}`), '');
  const ents = TYPE_LABELS.map(([t, label]) => [label, entityLine(b.entities, t)]).filter(([, l]) => l);
  if (ents.length)
    out.push('## Who and where', '', ...ents.map(([label, line]) => `- **${label}:** ${line}`), '');
  if (b.quotes.length) {
    out.push('## Quotes', '');
    for (const q of b.quotes)
      out.push(`- “${q.text}” — ${q.speaker ?? '_unattributed_'}${q.partial ? ' _(partial)_' : ''}`);
    out.push('');
  }
  out.push('## Sourcing', '', b.sourcing.note, '');
  if (b.keywords.length) out.push(`**Keywords:** ${b.keywords.join(', ')}`, '');
  return out.join('\n');
}
