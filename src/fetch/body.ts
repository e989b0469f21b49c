/**
 * Reading a response body under limits: a byte cap counted as bytes arrive (Content-Length
 * may lie or be absent), a whole-body deadline (a server dribbling one byte a second must not
 * hold a worker), and decompression whose output is capped too (a 10 KB gzip can inflate to
 * gigabytes).
 */
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { NewsBiteError } from '../errors.js';

export interface BodyLimits {
  url: string;
  maxBytes: number;
  /** Milliseconds from now until the whole body must have arrived. */
  deadlineMs: number;
}

export function tooLarge(url: string, maxBytes: number, what = 'body'): NewsBiteError {
  return new NewsBiteError('FETCH_TOO_LARGE', `${url}: ${what} exceeds the limit of ${maxBytes} bytes`);
}

/** Collects the raw (still encoded) body, or fails with FETCH_TOO_LARGE / FETCH_TIMEOUT. */
export function readRawBody(body: Readable, { url, maxBytes, deadlineMs }: BodyLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error: unknown, value?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      body.off('data', onData);
      body.off('end', onEnd);
      // Keep a listener: a late error from the destroyed stream must not go unhandled.
      body.off('error', onError);
      body.on('error', () => {});
      if (error) {
        body.destroy();
        reject(error);
      } else {
        resolve(value as Buffer);
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) settle(tooLarge(url, maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => settle(null, Buffer.concat(chunks, size));
    const onError = (error: unknown) => settle(error);
    const timer = setTimeout(
      () => settle(new NewsBiteError('FETCH_TIMEOUT', `${url}: body not complete after ${deadlineMs} ms`)),
      deadlineMs,
    );
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', onError);
  });
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

/** "deflate" is meant to be zlib-wrapped (RFC 9110) but some servers send raw deflate. */
function hasZlibHeader(data: Buffer): boolean {
  return data.length >= 2 && (data[0] & 0x0f) === 8 && ((data[0] << 8) | data[1]) % 31 === 0;
}

async function decodeOnce(data: Buffer, coding: string, maxOutputLength: number): Promise<Buffer> {
  // Sync flush at the end: accept a truncated stream the way browsers do, rather than
  // throwing away everything that did arrive.
  const lenient = { maxOutputLength, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return gunzip(data, lenient);
    case 'deflate':
      return hasZlibHeader(data) ? inflate(data, lenient) : inflateRaw(data, lenient);
    case 'br':
      return brotli(data, { maxOutputLength, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      throw new Error(`unsupported content-encoding "${coding}"`);
  }
}

/**
 * Undoes Content-Encoding (codings listed in the order they were applied). Output is capped
 * at maxBytes by zlib itself, so a decompression bomb stops at the cap instead of filling memory.
 */
export async function decodeBody(
  data: Buffer,
  contentEncoding: string | undefined,
  limits: BodyLimits,
): Promise<Buffer> {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  let out = data;
  for (const coding of codings.reverse()) {
    if (out.length === 0) break;
    try {
      out = await decodeOnce(out, coding, limits.maxBytes);
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw tooLarge(limits.url, limits.maxBytes, 'decompressed body');
      }
      throw new NewsBiteError(
        'FETCH_FAILED',
        `${limits.url}: cannot decode ${coding} body: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
  return out;
}
