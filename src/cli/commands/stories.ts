import type { Command } from 'commander';
import { NewsBiteError } from '../../errors.js';
import type { StoryInput } from '../../model/story.js';
import { StoryEngine } from '../../stories/index.js';
import type { CliContext } from '../context.js';
import { JsonlWriter, progress, readJsonl } from '../io.js';
import { printJson, printLine } from '../output.js';

interface StoriesOptions {
  batch?: string;
  out?: string;
  json?: boolean;
  limit?: string;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('stories')
    .description('List current stories, or fold copies and group stories over a JSONL stream (--batch)')
    .option(
      '--batch <in.jsonl[.gz]>',
      'read {"id","source"?,"date"?,"url"?,"title","text"} lines ("-" = stdin)',
    )
    .option(
      '--out <out.jsonl>',
      'with --batch: write {"id","story","copyOf"?,"copyGroup"} lines here (default stdout)',
    )
    .option('--json', 'list stories as JSON')
    .option('--limit <n>', 'stories to list', '50')
    .action(async (options: StoriesOptions) => {
      if (options.batch) await runBatch(options.batch, options.out);
      else await listStories(ctx, options);
    });
}

/** Processes the lines in the given order, as a stream: each line's answer is final when written. */
export async function runBatch(input: string, output?: string): Promise<{ written: number; failed: number }> {
  const engine = new StoryEngine();
  const writer = new JsonlWriter(output);
  const bar = progress('stories');
  let written = 0;
  let failed = 0;
  try {
    for await (const row of readJsonl(input)) {
      if (row.error || !row.value) {
        failed++;
        process.stderr.write(`${input}: ${row.error ?? `line ${row.line}: empty`}\n`);
        continue;
      }
      try {
        const article = toStoryInput(row.value, row.line);
        const a = engine.add(article);
        const line: Record<string, string> = { id: a.id, story: a.story };
        if (a.copyOf) line.copyOf = a.copyOf;
        line.copyGroup = a.copyGroup;
        await writer.write(line);
        written++;
        bar.tick();
      } catch (error) {
        if (!(error instanceof NewsBiteError)) throw error;
        failed++;
        process.stderr.write(`${input}: line ${row.line}: ${error.message}\n`);
      }
    }
  } finally {
    bar.stop();
    await writer.close();
  }
  if (failed > 0) process.exitCode = 1;
  return { written, failed };
}

function toStoryInput(value: Record<string, unknown>, line: number): StoryInput {
  const str = (key: string): string | undefined => {
    const v = value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new NewsBiteError('INPUT_INVALID', `"${key}" must be a string`);
    }
    return String(v);
  };
  const id = str('id');
  if (!id) throw new NewsBiteError('INPUT_INVALID', `line ${line} has no "id"`);
  const title = str('title') ?? '';
  const text = str('text') ?? '';
  if (!title && !text)
    throw new NewsBiteError('INPUT_INVALID', `article ${id} has neither "title" nor "text"`);
  const entities = Array.isArray(value.entities)
    ? value.entities.filter((e) => typeof e === 'string')
    : undefined;
  return {
    id,
    title,
    text,
    source: str('source'),
    date: str('date'),
    url: str('url'),
    canonicalUrl: str('canonicalUrl'),
    originalUrl: str('originalUrl'),
    entities,
  };
}

async function listStories(ctx: CliContext, options: StoriesOptions): Promise<void> {
  const limit = Number.parseInt(options.limit ?? '50', 10);
  if (!Number.isFinite(limit) || limit <= 0)
    throw new NewsBiteError('INPUT_INVALID', `--limit ${options.limit}: not a positive number`);
  const { openStore } = await import('../../store/index.js');
  const store = await openStore(ctx.config());
  try {
    const lister = (store as unknown as { listStories?: (o: { limit: number }) => Promise<unknown[]> })
      .listStories;
    if (typeof lister !== 'function') {
      throw new NewsBiteError('INPUT_INVALID', 'this store cannot list stories yet (no listStories)');
    }
    const stories = (await lister.call(store, { limit })) as Array<{
      id: string;
      headline: string;
      sources: string[];
      articleCount: number;
      lastAt?: string;
    }>;
    if (options.json) {
      printJson(stories);
      return;
    }
    if (stories.length === 0) {
      printLine('No stories yet: add feeds and poll them (newsbite add, newsbite poll).');
      return;
    }
    for (const s of stories) {
      const when = s.lastAt ? s.lastAt.slice(0, 16).replace('T', ' ') : '';
      printLine(`${s.id}  ${when}  ${s.articleCount} articles, ${s.sources.length} sources  ${s.headline}`);
    }
  } finally {
    await store.close();
  }
}
