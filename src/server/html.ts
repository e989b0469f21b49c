/**
 * Auto-escaping HTML templates. `html\`…\`` escapes every interpolated value unless it is
 * already a `SafeHtml` (another template, or markup that went through a sanitizer), so a
 * forgotten escape cannot happen by default: the unsafe path has to be spelled out.
 */
import { escapeHtml, safeUrl } from '../model/render.js';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const NEEDS_ESCAPE = /[&<>"']/;

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v) => render(v)).join('');
  const text = String(value);
  // Most values (ids, dates, plain titles) have nothing to escape: a test is cheaper than replace().
  return NEEDS_ESCAPE.test(text) ? escapeHtml(text) : text;
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Only http(s) links leave the page; anything else (javascript:, data:) becomes "#". */
export function href(url: string | undefined | null): string {
  return safeUrl(url ?? undefined) ?? '#';
}

/**
 * Markup this codebase built with every text escaped already (model/render's renderHtml from
 * Blocks). Never for markup from outside: use sanitized() for that.
 */
export function builtSafe(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
