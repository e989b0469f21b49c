import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/extract.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-extract-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<void> {
  const program = new Command('newsbite').exitOverride();
  register(program, { config: () => ({}) as never, debug: () => false });
  await program.parseAsync(['node', 'newsbite', ...args]);
}

const article = (n: number) =>
  `<html><body><nav><a href="/">Home</a><a href="/world">World</a></nav><article><h1>Story ${n}</h1>` +
  `<p>Paragraph one of story ${n} tells what happened in the town on Tuesday, with enough words to count as text.</p>` +
  `<p>Paragraph two of story ${n} adds what the mayor said afterwards, again long enough to be article text.</p></article></body></html>`;

function readLines(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('newsbite extract <file>', () => {
  it('prints the Article as JSON, decoding a legacy charset declared in the page', async () => {
    // "Привет, мир" in windows-1251, declared with <meta charset>.
    const cyrillic = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0];
    const head = Buffer.from(
      '<html><head><meta charset="windows-1251"><title>T</title></head><body><article><p>',
    );
    const tail = Buffer.from(
      ' is how the story starts, and it goes on long enough to count as article text.</p></article></body></html>',
    );
    const file = path.join(dir, 'page.html');
    fs.writeFileSync(file, Buffer.concat([head, Buffer.from(cyrillic), tail]));
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      await run(['extract', file, '--url', 'https://example.com/page']);
    } finally {
      process.stdout.write = write;
    }
    const article = JSON.parse(chunks.join(''));
    expect(article.text).toContain('Привет, мир is how the story starts');
    expect(article.diagnostics.charset).toBe('windows-1251');
    expect(article.url).toBe('https://example.com/page');
  });

  it('refuses a missing file and an empty file with clear errors', async () => {
    await expect(run(['extract', path.join(dir, 'nope.html')])).rejects.toThrow(/no such file/);
    const empty = path.join(dir, 'empty.html');
    fs.writeFileSync(empty, '');
    await expect(run(['extract', empty])).rejects.toThrow(/empty/);
  });
});

describe('newsbite extract --batch', () => {
  const input = path.join(dir, 'in.jsonl');
  const lines = [
    ...Array.from({ length: 6 }, (_, i) =>
      JSON.stringify({ id: `p${i}`, url: `https://example.com/2024/01/0${i + 1}/story`, html: article(i) }),
    ),
    JSON.stringify({ id: 'no-html', url: 'https://example.com/x', html: 42 }),
    'this is not json',
  ];
  fs.writeFileSync(input, lines.join('\n') + '\n');

  it('writes one result line per input line, in order, with errors for unusable lines', async () => {
    const out = path.join(dir, 'out1.jsonl');
    await run(['extract', '--batch', input, '--out', out]);
    const rows = readLines(out);
    expect(rows.map((r) => r.id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'no-html', 'line-8']);
    expect(rows[2].text).toContain('Paragraph one of story 2');
    expect(rows[2].text).not.toContain('Home');
    expect(rows[2].headline).toBe('Story 2');
    expect(rows[2].published).toBe('2024-01-03');
    expect(typeof rows[2].ms).toBe('number');
    expect(rows[6]).toMatchObject({ id: 'no-html', text: '' });
    expect(String(rows[6].error)).toMatch(/html/);
    expect(rows[7]).toMatchObject({ text: '' });
    expect(String(rows[7].error)).toMatch(/invalid JSON/);
  });

  it('gives the same lines with worker threads', async () => {
    const one = path.join(dir, 'out1.jsonl');
    const two = path.join(dir, 'out2.jsonl');
    await run(['extract', '--batch', input, '--out', two, '--workers', '2']);
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ ms: _ms, ...rest }) => rest);
    expect(strip(readLines(two))).toEqual(strip(readLines(one)));
  });

  it('refuses a bad --workers value with a clear error', async () => {
    await expect(run(['extract', '--batch', input, '--workers', 'many'])).rejects.toThrow(/--workers/);
  });
});
