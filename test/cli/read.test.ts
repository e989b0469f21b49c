import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const seedPath = path.resolve(import.meta.dirname, '../fixtures/seed/newsbite-syndicated-article.txt');
const STACK_FRAME = /^\s+at\s/m;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-read-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

describe('newsbite read', () => {
  it('prints the seed as JSON with the article and its bite', async () => {
    const run = await runCli(['read', '--json', seedPath]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { article, bite } = JSON.parse(run.stdout);
    expect(article.siteName).toBe('NewsBite');
    expect(article.headline).toBe('Elon Musk’s secret phone calls with Vladimir Putin revealed');
    expect(article.blocks).toHaveLength(24);
    expect(article.original.publisher).toBe('Herald Sun');
    expect(bite.summary.length).toBeGreaterThan(0);
  });

  it('reads standard input with -', async () => {
    const run = await runCli(['read', '-'], { stdin: fs.readFileSync(seedPath) });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('Elon Musk’s secret phone calls with Vladimir Putin revealed\n')).toBe(true);
    expect(run.stdout).toContain('\n\nRight.\n\n');
    expect(run.stdout).toContain('Originally published by Herald Sun');
  });

  it('prints Markdown', async () => {
    const run = await runCli(['read', '--markdown', seedPath]);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('# Elon Musk’s secret phone calls with Vladimir Putin revealed\n')).toBe(
      true,
    );
    expect(run.stdout).toContain('[Herald Sun](https://www.heraldsun.com.au/');
  });

  it('reads a windows-1252 file as text, not mojibake', async () => {
    const body =
      'Café owners in the city centre say trade has fallen by a third since the roadworks began in March.';
    const bytes = Buffer.from(`Café trade falls as roadworks drag on\n\n${body}\n`, 'latin1');
    const run = await runCli(['read', '--json', file('latin1.txt', bytes)]);
    expect(run.code).toBe(0);
    const { article } = JSON.parse(run.stdout);
    expect(article.headline).toBe('Café trade falls as roadworks drag on');
    expect(article.text).toBe(body);
    expect(article.diagnostics.charset).toBe('windows-1252');
  });

  const refusals: [string, () => string, RegExp][] = [
    ['an empty file', () => file('empty.txt', ''), /empty\.txt: is empty/],
    ['a missing path', () => path.join(dir, 'nope.txt'), /nope\.txt: no such file/],
    ['a directory', () => dir, /is a directory/],
    [
      'a PNG file',
      () => file('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])),
      /looks like a PNG image/,
    ],
    [
      'binary garbage',
      () => file('garbage.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))),
      /binary file/,
    ],
    [
      'a 50 MB file',
      () => file('huge.txt', Buffer.alloc(50 * 1024 * 1024, 'a')),
      /50\.0 MB is larger than the 20\.0 MB limit/,
    ],
    ['an ftp URL', () => 'ftp://example.com/story.txt', /only http and https URLs/],
  ];
  for (const [what, make, message] of refusals) {
    it(`refuses ${what} with a clear error and no stack trace`, async () => {
      const run = await runCli(['read', make()]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toMatch(/^newsbite: /);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    });
  }

  it('shows the stack trace with --debug', async () => {
    const run = await runCli(['--debug', 'read', path.join(dir, 'nope.txt')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(STACK_FRAME);
  });
});
