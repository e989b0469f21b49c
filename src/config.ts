/**
 * Configuration: one typed object, read once from `NEWSBITE_*` environment variables and
 * CLI flags (flags win). Every stage receives the part it needs as a plain value.
 */
import os from 'node:os';
import path from 'node:path';
import { NewsBiteError } from './errors.js';

export interface FetchConfig {
  userAgent: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /** Whole-body deadline, so a slow-loris server cannot hold a worker. */
  bodyTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Hosts, IPs or CIDR ranges that may be fetched although private/loopback (e.g. a LAN feed server). */
  allowPrivate: string[];
  perHostConcurrency: number;
  retries: number;
}

export interface PollConfig {
  minIntervalSec: number;
  maxIntervalSec: number;
  /** Feeds fetched at once. */
  concurrency: number;
}

export interface LlmConfig {
  /** Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8081/v1 */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export interface SummaryConfig {
  maxSentences: number;
  maxWords: number;
  /** Optional abstractive mode; off unless configured. */
  llm?: LlmConfig;
}

export interface Config {
  dataDir: string;
  host: string;
  port: number;
  /** Public base URL used in outgoing feeds and API links. */
  baseUrl?: string;
  /** Run the feed scheduler inside `serve`. */
  poll: PollConfig;
  fetch: FetchConfig;
  summary: SummaryConfig;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** Worker threads that render uncached search pages; 0 runs searches on the main thread. */
  searchThreads: number;
}

export const DEFAULT_USER_AGENT =
  'NewsBite/0.1 (+https://github.com/newsbite/newsbite; self-hosted news reader)';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_DATA_HOME) return path.join(env.XDG_DATA_HOME, 'newsbite');
  return path.resolve('data');
}

export function defaultConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    dataDir: defaultDataDir(env),
    host: '127.0.0.1',
    port: 8080,
    poll: { minIntervalSec: 5 * 60, maxIntervalSec: 24 * 60 * 60, concurrency: 8 },
    fetch: {
      userAgent: DEFAULT_USER_AGENT,
      connectTimeoutMs: 10_000,
      headersTimeoutMs: 15_000,
      bodyTimeoutMs: 30_000,
      maxBytes: 10 * 1024 * 1024,
      maxRedirects: 5,
      allowPrivate: [],
      perHostConcurrency: 2,
      retries: 2,
    },
    summary: { maxSentences: 3, maxWords: 75 },
    logLevel: 'info',
    // One per core, so searches use the cores the main thread does not; none on a single core.
    searchThreads: os.availableParallelism() > 1 ? Math.min(4, os.availableParallelism()) : 0,
  };
}

type Setter = (config: Config, value: string, name: string) => void;

function int(min: number, max: number, apply: (c: Config, n: number) => void): Setter {
  return (config, value, name) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new NewsBiteError(
        'CONFIG_INVALID',
        `${name} must be a whole number from ${min} to ${max}, got "${value}"`,
      );
    }
    apply(config, n);
  };
}

function list(apply: (c: Config, v: string[]) => void): Setter {
  return (config, value) =>
    apply(
      config,
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
}

/** Every setting, by the suffix of its environment variable (NEWSBITE_<NAME>). */
const SETTINGS: Record<string, Setter> = {
  DATA_DIR: (c, v) => {
    c.dataDir = path.resolve(v);
  },
  HOST: (c, v) => {
    c.host = v;
  },
  PORT: int(0, 65535, (c, n) => {
    c.port = n;
  }),
  BASE_URL: (c, v, name) => {
    try {
      c.baseUrl = new URL(v).href.replace(/\/$/, '');
    } catch {
      throw new NewsBiteError('CONFIG_INVALID', `${name} must be an absolute URL, got "${v}"`);
    }
  },
  LOG_LEVEL: (c, v, name) => {
    const levels = ['silent', 'error', 'warn', 'info', 'debug'] as const;
    if (!levels.includes(v as Config['logLevel'])) {
      throw new NewsBiteError('CONFIG_INVALID', `${name} must be one of ${levels.join(', ')}, got "${v}"`);
    }
    c.logLevel = v as Config['logLevel'];
  },
  SEARCH_THREADS: int(0, 16, (c, n) => {
    c.searchThreads = n;
  }),
  POLL_MIN_INTERVAL: int(10, 7 * 86400, (c, n) => {
    c.poll.minIntervalSec = n;
  }),
  POLL_MAX_INTERVAL: int(60, 30 * 86400, (c, n) => {
    c.poll.maxIntervalSec = n;
  }),
  POLL_CONCURRENCY: int(1, 256, (c, n) => {
    c.poll.concurrency = n;
  }),
  USER_AGENT: (c, v) => {
    c.fetch.userAgent = v;
  },
  FETCH_TIMEOUT_MS: int(100, 600_000, (c, n) => {
    c.fetch.bodyTimeoutMs = n;
    c.fetch.headersTimeoutMs = Math.min(c.fetch.headersTimeoutMs, n);
    c.fetch.connectTimeoutMs = Math.min(c.fetch.connectTimeoutMs, n);
  }),
  FETCH_MAX_BYTES: int(1024, 1024 ** 3, (c, n) => {
    c.fetch.maxBytes = n;
  }),
  FETCH_MAX_REDIRECTS: int(0, 20, (c, n) => {
    c.fetch.maxRedirects = n;
  }),
  FETCH_ALLOW_PRIVATE: list((c, v) => {
    c.fetch.allowPrivate = v;
  }),
  FETCH_PER_HOST: int(1, 64, (c, n) => {
    c.fetch.perHostConcurrency = n;
  }),
  FETCH_RETRIES: int(0, 10, (c, n) => {
    c.fetch.retries = n;
  }),
  SUMMARY_SENTENCES: int(1, 10, (c, n) => {
    c.summary.maxSentences = n;
  }),
  SUMMARY_WORDS: int(10, 500, (c, n) => {
    c.summary.maxWords = n;
  }),
  LLM_URL: (c, v) => {
    c.summary.llm = { model: 'default', timeoutMs: 30_000, ...c.summary.llm, url: v };
  },
  LLM_MODEL: (c, v) => {
    if (c.summary.llm) c.summary.llm.model = v;
  },
  LLM_API_KEY: (c, v) => {
    if (c.summary.llm) c.summary.llm.apiKey = v;
  },
  LLM_TIMEOUT_MS: int(1000, 600_000, (c, n) => {
    if (c.summary.llm) c.summary.llm.timeoutMs = n;
  }),
};

/** The settings' names, for `--help` and the README. */
export const SETTING_NAMES = Object.keys(SETTINGS).map((k) => `NEWSBITE_${k}`);

/**
 * Reads the configuration once. `overrides` holds CLI flags by setting name
 * (e.g. `{ PORT: '9000' }`) and wins over the environment.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Record<string, string> = {},
): Config {
  const config = defaultConfig(env);
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('NEWSBITE_') && value !== undefined && value !== '') values[key.slice(9)] = value;
  }
  Object.assign(values, overrides);
  // LLM_URL first, so LLM_MODEL and friends find the object.
  const order = Object.keys(values).sort((a, b) => Number(b === 'LLM_URL') - Number(a === 'LLM_URL'));
  for (const key of order) {
    const setter = SETTINGS[key];
    if (!setter) {
      throw new NewsBiteError(
        'CONFIG_INVALID',
        `unknown setting NEWSBITE_${key}; known: ${SETTING_NAMES.join(', ')}`,
      );
    }
    setter(config, values[key], `NEWSBITE_${key}`);
  }
  if (config.poll.minIntervalSec > config.poll.maxIntervalSec) {
    throw new NewsBiteError(
      'CONFIG_INVALID',
      'NEWSBITE_POLL_MIN_INTERVAL must not exceed NEWSBITE_POLL_MAX_INTERVAL',
    );
  }
  return config;
}

/** Home-relative display of a path, for messages. */
export function displayPath(p: string): string {
  const home = os.homedir();
  return home && p.startsWith(home) ? `~${p.slice(home.length)}` : p;
}
