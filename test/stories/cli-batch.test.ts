import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/cli/commands/stories.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/stories');
const articles = JSON.parse(fs.readFileSync(path.join(fixtures, 'articles.json'), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;

let dir = '';
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  process.exitCode = 0;
});

function lines(file: string): Array<Record<string, string>> {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe('newsbite stories --batch', () => {
  it('writes {id, story, copyOf?, copyGroup} per line, in input order, from gzipped JSONL', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nb-stories-cli-'));
    const input = path.join(dir, 'in.jsonl.gz');
    const rows = [articles.original, articles.otherA, articles.copyWithFurniture, articles.teaser].map(
      (a) => ({
        id: a.id,
        source: a.source,
        date: a.date,
        url: a.url,
        title: a.title,
        text: a.text,
      }),
    );
    fs.writeFileSync(input, zlib.gzipSync(rows.map((r) => JSON.stringify(r)).join('\n') + '\n'));
    const output = path.join(dir, 'out.jsonl');
    const result = await runBatch(input, output);
    expect(result).toEqual({ written: 4, failed: 0 });
    const out = lines(output);
    expect(out.map((o) => o.id)).toEqual(['orig', 'otherA', 'copy1', 'teaser']);
    for (const o of out) {
      expect(Object.keys(o).sort()).toEqual(
        o.copyOf ? ['copyGroup', 'copyOf', 'id', 'story'] : ['copyGroup', 'id', 'story'],
      );
    }
    expect(out[0].copyGroup).toBe('orig');
    expect(out[2]).toMatchObject({ copyOf: 'orig', copyGroup: 'orig', story: out[0].story });
    expect(out[3].copyOf).toBe('orig');
    expect(out[1].story).not.toBe(out[0].story);
  });

  it('reports bad lines by number on stderr and keeps the good ones', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nb-stories-cli-'));
    const input = path.join(dir, 'in.jsonl');
    fs.writeFileSync(
      input,
      [
        JSON.stringify({ id: 'x1', title: 'A title', text: 'Some text here.' }),
        '{not json',
        JSON.stringify({ title: 'no id' }),
        JSON.stringify({ id: 'x2', title: 'Other', text: 'More text.', date: 'not a date' }),
        JSON.stringify({ id: 'x3', title: 'Third', text: 'Text three.' }),
      ].join('\n'),
    );
    const output = path.join(dir, 'out.jsonl');
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      errors.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      const result = await runBatch(input, output);
      expect(result).toEqual({ written: 2, failed: 3 });
    } finally {
      process.stderr.write = write;
    }
    expect(lines(output).map((o) => o.id)).toEqual(['x1', 'x3']);
    expect(errors.join('')).toMatch(/line 2/);
    expect(errors.join('')).toMatch(/line 3/);
    expect(errors.join('')).toMatch(/x2.*date/);
    expect(process.exitCode).toBe(1);
  });
});
