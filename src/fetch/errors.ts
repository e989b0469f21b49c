/**
 * The fetcher's errors are NewsBiteErrors (stable `code`s from src/errors.ts); HTTP failures
 * additionally carry the status and any Retry-After the server asked for, so the scheduler
 * can back off a feed without parsing messages.
 */
import { NewsBiteError } from '../errors.js';

export class FetchHttpError extends NewsBiteError {
  constructor(
    readonly url: string,
    readonly status: number,
    /** Milliseconds the server asked us to wait (Retry-After), when it said so. */
    readonly retryAfterMs?: number,
    detail?: string,
  ) {
    super('FETCH_HTTP', `${url}: HTTP ${status}${detail ? ` (${detail})` : ''}`);
  }
}

export function isFetchHttpError(error: unknown): error is FetchHttpError {
  return error instanceof FetchHttpError;
}

/**
 * Raised inside the connector when the guard refuses an address. undici hands it back from
 * the request unchanged; the fetcher turns it into FETCH_REFUSED naming the URL.
 */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';
  readonly code = 'ERR_NEWSBITE_ADDRESS_REFUSED';
  constructor(
    readonly hostname: string,
    readonly reason: string,
  ) {
    super(`${hostname}: ${reason}`);
  }
}
