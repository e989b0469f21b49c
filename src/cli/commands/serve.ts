/**
 * `newsbite serve`: one process with the web reader, the APIs and the feed scheduler.
 * Heavy modules load inside the action, so `--help` and other commands stay fast.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { NewsBiteError } from '../../errors.js';
import type { CliContext } from '../context.js';

interface ServeOptions {
  host?: string;
  port?: string;
  poll: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('run the web reader, the APIs and the feed scheduler (NEWSBITE_HOST, NEWSBITE_PORT)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1; 0.0.0.0 for all)')
    .option('--port <port>', 'port to listen on (default 8080)')
    .option('--no-poll', 'do not poll feeds in this process')
    .action(async (opts: ServeOptions) => {
      const base = ctx.config();
      const overrides: Record<string, string> = { DATA_DIR: base.dataDir };
      if (opts.host) overrides.HOST = opts.host;
      if (opts.port) overrides.PORT = opts.port;
      const config = loadConfig(process.env, overrides);
      const { startServer } = await import('../../server/serve.js');
      const running = await startServer(config, {
        poll: opts.poll,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          running.close().then(resolve, (error) => {
            process.stderr.write(`newsbite: shutdown: ${(error as Error).message}\n`);
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      if (!running.url) throw new NewsBiteError('CONFIG_INVALID', 'server did not start');
    });
}
