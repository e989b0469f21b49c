/**
 * Input and output for CLI commands: reading a file or stdin with clear errors, JSONL
 * batch streams (optionally gzipped), and a progress bar when stderr is a terminal.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import readline from 'node:readline';
import { Readable, type Writable } from 'node:stream';
import zlib from 'node:zlib';
import cliProgress from 'cli-progress';
import { NewsBiteError } from '../errors.js';

/** One article (page or text) larger than this is refused before it is read into memory. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** Reads a file path, or stdin for "-", as bytes; errors name the input. */
export async function readInputBytes(input: string, maxBytes = MAX_INPUT_BYTES): Promise<Uint8Array> {
  if (input === '-') return readStream(process.stdin, 'standard input', maxBytes);
  let stat: fs.Stats;
  try {
    stat = await fsp.stat(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NewsBiteError('INPUT_NOT_FOUND', `${input}: no such file`);
    if (code === 'EACCES') throw new NewsBiteError('INPUT_UNREADABLE', `${input}: permission denied`);
    throw new NewsBiteError('INPUT_UNREADABLE', `${input}: cannot read (${code ?? String(error)})`);
  }
  if (stat.isDirectory())
    throw new NewsBiteError('INPUT_IS_DIRECTORY', `${input}: is a directory, not a file`);
  if (stat.size > maxBytes) {
    throw new NewsBiteError(
      'INPUT_TOO_LARGE',
      `${input}: ${formatBytes(stat.size)} is larger than the ${formatBytes(maxBytes)} limit for one article`,
    );
  }
  try {
    return await readStream(fs.createReadStream(input), input, maxBytes);
  } catch (error) {
    if (error instanceof NewsBiteError) throw error;
    throw new NewsBiteError('INPUT_UNREADABLE', `${input}: cannot read (${(error as Error).message})`);
  }
}

async function readStream(stream: Readable, name: string, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new NewsBiteError(
        'INPUT_TOO_LARGE',
        `${name}: more than the ${formatBytes(maxBytes)} limit for one article`,
      );
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} bytes`;
}

/** Streams a JSONL file (`.gz` by name or magic bytes; "-" for stdin) as parsed objects. */
export async function* readJsonl(
  file: string,
): AsyncGenerator<{ line: number; value?: Record<string, unknown>; error?: string }> {
  let source: Readable;
  if (file === '-') source = process.stdin;
  else {
    try {
      const stat = await fsp.stat(file);
      if (stat.isDirectory())
        throw new NewsBiteError('INPUT_IS_DIRECTORY', `${file}: is a directory, not a JSONL file`);
    } catch (error) {
      if (error instanceof NewsBiteError) throw error;
      throw new NewsBiteError('INPUT_NOT_FOUND', `${file}: no such file`);
    }
    source = fs.createReadStream(file);
  }
  const gz = await peekGzip(source);
  const stream = gz.gzip ? gz.stream.pipe(zlib.createGunzip()) : gz.stream;
  const rl = readline.createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (!text.trim()) continue;
    try {
      const value = JSON.parse(text);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        yield { line, error: `line ${line}: expected a JSON object` };
      } else yield { line, value };
    } catch (error) {
      yield { line, error: `line ${line}: invalid JSON (${(error as Error).message})` };
    }
  }
}

async function peekGzip(stream: Readable): Promise<{ gzip: boolean; stream: Readable }> {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return { gzip: false, stream: Readable.from([]) };
  const head = first.value as Buffer;
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  async function* rest() {
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value as Buffer;
    }
  }
  return { gzip, stream: Readable.from(rest(), { objectMode: false }) };
}

/** Writes one JSON object per line to a file or stdout, honouring back-pressure. */
export class JsonlWriter {
  private readonly out: Writable;
  private readonly ownsStream: boolean;
  constructor(file?: string) {
    if (file && file !== '-') {
      this.out = file.endsWith('.gz') ? gzipTo(file) : fs.createWriteStream(file);
      this.ownsStream = true;
    } else {
      this.out = process.stdout;
      this.ownsStream = false;
    }
  }
  async write(value: unknown): Promise<void> {
    if (!this.out.write(JSON.stringify(value) + '\n')) {
      await new Promise<void>((resolve) => this.out.once('drain', resolve));
    }
  }
  async close(): Promise<void> {
    if (!this.ownsStream) return;
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(resolve);
    });
  }
}

function gzipTo(file: string): Writable {
  const gz = zlib.createGzip();
  const fileStream = fs.createWriteStream(file);
  gz.pipe(fileStream);
  const origEnd = gz.end.bind(gz);
  // Resolve `end` only once the file is flushed.
  gz.end = ((cb?: () => void) => {
    fileStream.once('finish', () => cb?.());
    return origEnd();
  }) as typeof gz.end;
  return gz;
}

/** A progress bar on a terminal (stderr), nothing otherwise. */
export interface Progress {
  tick(n?: number): void;
  setTotal(total: number): void;
  stop(): void;
}

export function progress(label: string, total = 0): Progress {
  if (!process.stderr.isTTY) return { tick() {}, setTotal() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}${total ? '/{total}' : ''} {rate}/s`,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const start = Date.now();
  let value = 0;
  bar.start(total || 1, 0, { rate: '0' });
  return {
    tick(n = 1) {
      value += n;
      const rate = (value / Math.max(0.001, (Date.now() - start) / 1000)).toFixed(0);
      bar.update(value, { rate });
    },
    setTotal(t) {
      bar.setTotal(t);
    },
    stop() {
      bar.stop();
    },
  };
}
