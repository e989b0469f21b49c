/**
 * The one error type the library throws for bad input or refused work. `code` is stable
 * for programs; `message` names the input and what is wrong, for people. The CLI prints
 * the message without a stack trace (unless --debug).
 */
export type ErrorCode =
  | 'INPUT_EMPTY'
  | 'INPUT_BINARY'
  | 'INPUT_TOO_LARGE'
  | 'INPUT_NOT_FOUND'
  | 'INPUT_IS_DIRECTORY'
  | 'INPUT_UNREADABLE'
  | 'INPUT_INVALID'
  | 'FETCH_REFUSED'
  | 'FETCH_FAILED'
  | 'FETCH_TIMEOUT'
  | 'FETCH_TOO_LARGE'
  | 'FETCH_HTTP'
  | 'NOT_A_FEED'
  | 'CONFIG_INVALID'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHORIZED';

export class NewsBiteError extends Error {
  override readonly name = 'NewsBiteError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isNewsBiteError(error: unknown): error is NewsBiteError {
  return error instanceof NewsBiteError;
}
