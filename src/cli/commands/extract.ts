/**
 * `newsbite extract <file|->` prints the Article of one HTML page (JSON, text or HTML);
 * `newsbite extract --batch IN.jsonl[.gz] [--out OUT.jsonl] [--workers N]` extracts many pages.
 */
import type { Command } from 'commander';
import { NewsBiteError } from '../../errors.js';
import type { BatchInput, BatchResult } from '../../extract/batch.js';
import { renderMarkdown } from '../../model/index.js';
import { startWorker } from '../../worker-thread.js';
import type { CliContext } from '../context.js';
import { JsonlWriter, progress, readInputBytes, readJsonl } from '../io.js';
import { printJson, printLine } from '../output.js';

interface ExtractOptions {
  batch?: string;
  out?: string;
  workers?: string;
  url?: string;
  contentType?: string;
  format?: string;
}

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('extract')
    .description('extract the article (text + metadata) from an HTML page, or from a JSONL batch of pages')
    .argument('[file]', 'HTML file, or - for standard input')
    .option('--url <url>', 'the page URL (resolves links, dates in the path, syndication checks)')
    .option('--content-type <value>', 'the HTTP Content-Type the page came with (for its charset)')
    .option('--format <format>', 'json | text | markdown | html', 'json')
    .option(
      '--batch <in.jsonl>',
      'JSONL (.gz ok) of {"id","url","html"} lines; writes one result line per page',
    )
    .option('--out <out.jsonl>', 'with --batch: output file (default: standard output; .gz compresses)')
    .option('--workers <n>', 'with --batch: worker threads (default 1 = in this thread)')
    .action(async (file: string | undefined, options: ExtractOptions) => {
      if (options.batch) {
        if (file)
          throw new NewsBiteError('INPUT_INVALID', 'extract: give either a file or --batch, not both');
        await runBatch(options);
        return;
      }
      if (!file)
        throw new NewsBiteError(
          'INPUT_INVALID',
          'extract: give an HTML file (or - for standard input), or --batch IN.jsonl',
        );
      const bytes = await readInputBytes(file);
      if (bytes.length === 0)
        throw new NewsBiteError('INPUT_EMPTY', `${file === '-' ? 'standard input' : file}: is empty`);
      // Loaded here, not at the top, so other commands do not pay for the extractor.
      const { extractBytes } = await import('../../extract/index.js');
      const article = extractBytes(bytes, { url: options.url, contentType: options.contentType });
      switch (options.format ?? 'json') {
        case 'json':
          printJson(article);
          break;
        case 'text':
          printLine(article.text);
          break;
        case 'markdown':
          process.stdout.write(renderMarkdown(article));
          break;
        case 'html':
          printLine(article.html);
          break;
        default:
          throw new NewsBiteError(
            'INPUT_INVALID',
            `extract: unknown --format "${options.format}" (json, text, markdown, html)`,
          );
      }
    });
}

function parseWorkers(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new NewsBiteError(
      'INPUT_INVALID',
      `--workers: expected a whole number from 1 to 64, got "${value}"`,
    );
  return n;
}

type BatchModule = typeof import('../../extract/batch.js');

async function runBatch(options: ExtractOptions): Promise<void> {
  const workers = parseWorkers(options.workers);
  const batch = await import('../../extract/batch.js');
  const writer = new JsonlWriter(options.out);
  const bar = progress('extract');
  let pages = 0;
  let failed = 0;
  const count = (result: BatchResult) => {
    pages++;
    if (result.error) failed++;
    bar.tick();
  };
  try {
    if (workers === 1) {
      for await (const record of readJsonl(options.batch!)) {
        const result = toResult(batch, record);
        count(result);
        await writer.write(result);
      }
    } else {
      await runPool(batch, options.batch!, workers, async (result) => {
        count(result);
        await writer.write(result);
      });
    }
  } finally {
    bar.stop();
    await writer.close();
  }
  process.stderr.write(
    `extracted ${pages - failed} of ${pages} pages${failed ? ` (${failed} failed)` : ''}\n`,
  );
}

function toResult(
  { extractRecord, toBatchInput }: BatchModule,
  record: { line: number; value?: Record<string, unknown>; error?: string },
): BatchResult {
  if (!record.value) return { id: `line-${record.line}`, text: '', error: record.error ?? 'unreadable line' };
  const input = toBatchInput(record.value, record.line);
  if ('error' in input) return { id: input.id, text: '', error: input.error };
  return extractRecord(input);
}

/** Worker-thread pool; results are written in input order with a bounded number in flight. */
async function runPool(
  { toBatchInput }: BatchModule,
  file: string,
  size: number,
  emit: (result: BatchResult) => Promise<void>,
): Promise<void> {
  const pool = Array.from({ length: size }, () =>
    startWorker(new URL('../../extract/batch-worker', import.meta.url)),
  );
  const maxInFlight = size * 4;
  const done = new Map<number, BatchResult>();
  let nextToWrite = 0;
  let seq = 0;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  for (const worker of pool) {
    worker.on('message', (message: { seq: number; result: BatchResult }) => {
      done.set(message.seq, message.result);
      inFlight--;
      wake?.();
    });
    worker.on('error', (error) => {
      failure = error;
      wake?.();
    });
  }
  const waitForAny = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });
  const drain = async () => {
    while (done.has(nextToWrite)) {
      const result = done.get(nextToWrite)!;
      done.delete(nextToWrite);
      nextToWrite++;
      await emit(result);
    }
  };
  try {
    for await (const record of readJsonl(file)) {
      const mySeq = seq++;
      let input: BatchInput | undefined;
      if (record.value) {
        const parsed = toBatchInput(record.value, record.line);
        if ('error' in parsed) done.set(mySeq, { id: parsed.id, text: '', error: parsed.error });
        else input = parsed;
      } else
        done.set(mySeq, { id: `line-${record.line}`, text: '', error: record.error ?? 'unreadable line' });
      if (input) {
        pool[mySeq % size].postMessage({ seq: mySeq, input });
        inFlight++;
      }
      await drain();
      while (inFlight >= maxInFlight && !failure) {
        await waitForAny();
        await drain();
      }
      if (failure) throw failure;
    }
    while (nextToWrite < seq) {
      if (failure) throw failure;
      if (!done.has(nextToWrite)) await waitForAny();
      await drain();
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
