import type { Command } from 'commander';
import { type Config, loadConfig } from '../config.js';

/** What every command gets: the configuration, read once from env + global flags. */
export interface CliContext {
  config(): Config;
  debug(): boolean;
}

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export function createContext(program: Command): CliContext {
  let cached: Config | undefined;
  return {
    config() {
      if (!cached) {
        const opts = program.opts<{ dataDir?: string }>();
        const overrides: Record<string, string> = {};
        if (opts.dataDir) overrides.DATA_DIR = opts.dataDir;
        cached = loadConfig(process.env, overrides);
      }
      return cached;
    },
    debug() {
      return Boolean(program.opts<{ debug?: boolean }>().debug);
    },
  };
}
