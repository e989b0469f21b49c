import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/bite.js';
import type { CliContext } from '../../src/cli/context.js';
import { defaultConfig } from '../../src/config.js';
import { NewsBiteError } from '../../src/errors.js';
import { seedParagraphs } from './seed-article.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-bite-'));
const ctx: CliContext = { config: () => defaultConfig({}), debug: () => false };

async function run(args: string[]): Promise<string> {
  const program = new Command('newsbite').exitOverride();
  register(program, ctx);
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'newsbite', 'bite', ...args]);
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
  return out;
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('newsbite bite', () => {
  it('prints a readable bite of a text file, and JSON with --json', async () => {
    const file = path.join(dir, 'seed.txt');
    fs.copyFileSync(new URL('../fixtures/seed/newsbite-syndicated-article.txt', import.meta.url), file);
    const text = await run([file]);
    expect(text).toMatch(/^Summary:/m);
    expect(text).toMatch(/People: .*Elon Musk/);
    expect(text).toMatch(/Sourcing: .*anonymous/);
    const json = JSON.parse(await run([file, '--json', '--sentences', '2']));
    expect(json.summary.length).toBeLessThanOrEqual(2);
    expect(json.entities.some((e: { name: string }) => e.name === 'Vladimir Putin')).toBe(true);
    const md = await run([file, '--markdown']);
    expect(md).toMatch(/^## Summary$/m);
  });

  it('bites a JSONL(.gz) batch, reporting bad lines without stopping', async () => {
    const paragraphs = seedParagraphs();
    const lines = [
      JSON.stringify({ id: 'seed', text: paragraphs.join('\n\n'), title: 'Musk and Putin' }),
      JSON.stringify({ id: 'empty', text: '' }),
      'not json',
      JSON.stringify({ id: 7, text: 'One short line about the council budget vote.' }),
    ];
    const input = path.join(dir, 'in.jsonl.gz');
    fs.writeFileSync(input, zlib.gzipSync(lines.join('\n') + '\n'));
    const output = path.join(dir, 'out.jsonl');
    await run(['--batch', input, '--out', output]);
    const rows = fs
      .readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(4);
    expect(rows[0].id).toBe('seed');
    expect(typeof rows[0].summary).toBe('string');
    expect(rows[0].summary.split('\n').length).toBeLessThanOrEqual(3);
    expect(rows[0].keyPoints.length).toBeGreaterThanOrEqual(3);
    expect(rows[0].sourcing.level).toBe('mostly-anonymous');
    expect(rows[0].quotes.length).toBeGreaterThan(0);
    expect(typeof rows[0].ms).toBe('number');
    expect(rows[1]).toMatchObject({ id: 'empty' });
    expect(rows[1].error).toMatch(/no text/);
    expect(rows[2].error).toMatch(/invalid JSON/);
    expect(rows[3].id).toBe('7');
  });

  it('explains missing input and bad flags', async () => {
    await expect(run([])).rejects.toThrow(NewsBiteError);
    await expect(run([path.join(dir, 'missing.txt')])).rejects.toThrow(/no such file/);
    await expect(run(['x.txt', '--sentences', 'zero'])).rejects.toThrow(/--sentences/);
    await expect(run(['x.txt', '--llm'])).rejects.toThrow(/NEWSBITE_LLM_URL/);
  });
});
