/** Gives each unit of pasted text a role, line by line, before the article is assembled. */
import type { OriginalCredit } from '../../model/index.js';
import { parseCreditLine } from './credits.js';
import { BYLINE, CREDIT_LINE, DATE_LINE_PREFIX, FURNITURE, RELATED_PREFIX, TERMINAL } from './patterns.js';
import { type Unit, wordCount } from './units.js';

export type Role =
  | 'prose'
  | 'title'
  | 'furniture'
  | 'photo-credit'
  | 'credit'
  | 'related'
  | 'byline'
  | 'date';

export interface ClassifiedUnit extends Unit {
  index: number;
  role: Role;
  credit?: OriginalCredit;
  authors?: string[];
  /** ISO instant, for date lines. */
  date?: string;
}

/** Lines this close to the end may carry the weaker credit forms ("Source: AAP"). */
const FOOTER_LINES = 4;
/** Longest line still read as a headline-like line rather than prose. */
export const MAX_TITLE_WORDS = 25;

/** Parses "12 March 2024, 3:45pm" and friends as UTC when no zone is given; undefined if unsure. */
export function parseLooseDate(text: string): string | undefined {
  const cleaned = text
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1')
    .replace(/\b(\d{1,2})[.:](\d{2})\s*([ap])\.?m\.?\b/gi, '$1:$2 $3m')
    .replace(/\s*[-–—|·•]\s*/g, ' ')
    .replace(/\bat\b/gi, ' ')
    .trim();
  if (!/\b(19|20)\d\d\b/.test(cleaned) || cleaned.length > 60) return undefined;
  const hasZone = /\b(utc|gmt|z|[ecmp][sd]t|aest|aedt|bst|cet|cest)\b|[+-]\d{2}:?\d{2}\b/i.test(cleaned);
  const ms = Date.parse(hasZone ? cleaned : `${cleaned} UTC`);
  if (Number.isNaN(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1990 && year <= 2100 ? new Date(ms).toISOString() : undefined;
}

function splitAuthors(names: string): string[] {
  return names
    .split(/\s*(?:,|\band\b|&)\s*/)
    .map((n) => n.trim())
    .filter(Boolean);
}

/** Lines that are never part of a paragraph, whatever block they sit in. */
export function standsAlone(line: string): boolean {
  return (
    parseCreditLine(line, { inFooter: true }) !== undefined ||
    RELATED_PREFIX.test(line) ||
    FURNITURE.some((re) => re.test(line)) ||
    CREDIT_LINE.test(line) ||
    BYLINE.test(line)
  );
}

export function classifyUnits(units: Unit[]): ClassifiedUnit[] {
  return units.map((unit, index) => {
    const text = unit.text;
    const inFooter = index >= units.length - FOOTER_LINES;
    const base = { ...unit, index };
    const credit = parseCreditLine(text, { inFooter });
    if (credit) return { ...base, role: 'credit', credit };
    if (RELATED_PREFIX.test(text)) return { ...base, role: 'related' };
    if (FURNITURE.some((re) => re.test(text))) return { ...base, role: 'furniture' };
    if (CREDIT_LINE.test(text)) return { ...base, role: 'photo-credit' };
    const byline = text.match(BYLINE);
    if (byline && wordCount(text) <= 14) return { ...base, role: 'byline', authors: splitAuthors(byline[1]) };
    if (wordCount(text) <= 10) {
      const prefixed = DATE_LINE_PREFIX.test(text);
      const date = parseLooseDate(text.replace(DATE_LINE_PREFIX, ''));
      if (
        date &&
        (prefixed || !/[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}/i.test(text.replace(/\b[a-z]+day\b/gi, '')))
      ) {
        return { ...base, role: 'date', date };
      }
    }
    if (wordCount(text) <= MAX_TITLE_WORDS && !TERMINAL.test(text)) return { ...base, role: 'title' };
    return { ...base, role: 'prose' };
  });
}
