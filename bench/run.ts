/** `npm run bench <name> [args…]` → runs bench/<name>.ts (extract, feeds, ingest, bites, stories, serve). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [name, ...args] = process.argv.slice(2);
const available = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench <${available.join('|')}> [args…]`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, `${name}.ts`), ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
