/**
 * Feed dates → ISO-8601 instants (UTC, `Z`). Never a guess: anything we cannot read fully and
 * unambiguously gives `undefined`.
 *
 * Rules:
 * - RFC 822/1123 and the variants feeds really emit (no weekday, full month names, 2-digit years,
 *   missing seconds, `Etc/GMT`, `GMT+hh:mm`, ctime/JavaScript `Date#toString` orders, `yyyy/mm/dd`).
 * - W3C-DTF / ISO 8601, including reduced precision (`2003-12`, `2003`), fractions, a space instead
 *   of `T`, ordinal dates with 4-digit years (`2003-335`), and feedparser's 2-digit-year forms
 *   (`03-12-31`, `031231`, `-03-12`, `-0312`); not the ambiguous 5-digit `YYDDD`.
 * - Named zones from a fixed table (US zones incl. the one-letter-less `ET/CT/MT/PT/AT`, European
 *   ones incl. MET/MEST, and a few Asian/Pacific ones). An unknown zone name → no date.
 * - Zone-less date-times are read as UTC (documented; never the server's local time), except the
 *   Korean forms, which are KST by construction.
 * - Two-digit years: 00–49 → 2000–2049, 50–99 → 1950–1999.
 * - Out-of-range fields (month 13, day 32, hour 25, minute 61, offset beyond ±14:00) → no date.
 * - Greek, Hungarian and Korean month/day names are translated first (as feedparser does).
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Zone name → minutes east of UTC. */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  'etc/gmt': 0,
  'etc/utc': 0,
  wet: 0,
  west: 60,
  bst: 60,
  cet: 60,
  met: 60,
  mez: 60,
  cest: 120,
  mest: 120,
  mesz: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  est: -300,
  edt: -240,
  et: -300,
  cst: -360,
  cdt: -300,
  ct: -360,
  mst: -420,
  mdt: -360,
  mt: -420,
  pst: -480,
  pdt: -420,
  pt: -480,
  ast: -240,
  adt: -180,
  at: -240,
  akst: -540,
  akdt: -480,
  hst: -600,
  nzst: 720,
  nzdt: 780,
  aest: 600,
  aedt: 660,
  acst: 570,
  awst: 480,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
};

const GREEK_MONTHS: Record<string, string> = {
  Ιαν: 'Jan',
  Φεβ: 'Feb',
  Μάώ: 'Mar',
  Μαώ: 'Mar',
  Μάρ: 'Mar',
  Μαρ: 'Mar',
  Απρ: 'Apr',
  Μάι: 'May',
  Μαϊ: 'May',
  Μαι: 'May',
  Μάϊ: 'May',
  Ιούν: 'Jun',
  Ιον: 'Jun',
  Ιούλ: 'Jul',
  Ιολ: 'Jul',
  Αύγ: 'Aug',
  Αυγ: 'Aug',
  Σεπ: 'Sep',
  Οκτ: 'Oct',
  Νοέ: 'Nov',
  Νοε: 'Nov',
  Δεκ: 'Dec',
};
const GREEK_DAYS: Record<string, string> = {
  Κυρ: 'Sun',
  Δευ: 'Mon',
  Τρι: 'Tue',
  Τετ: 'Wed',
  Πεμ: 'Thu',
  Παρ: 'Fri',
  Σαβ: 'Sat',
};
const HUNGARIAN_MONTHS: Record<string, number> = {
  január: 1,
  február: 2,
  március: 3,
  április: 4,
  máujus: 5,
  május: 5,
  június: 6,
  július: 7,
  augusztus: 8,
  szeptember: 9,
  október: 10,
  november: 11,
  december: 12,
};

interface Parts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millis?: number;
  /** Minutes east of UTC; undefined = zone-less. */
  offset?: number;
}

function expandYear(text: string): number {
  const n = Number(text);
  if (text.length === 2) return n < 50 ? 2000 + n : 1900 + n;
  return n;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() + (month === 2 && !isLeap(year) ? -1 : 0);
}
function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function toIso(p: Parts): string | undefined {
  const { year, month, day } = p;
  const hour = p.hour ?? 0;
  const minute = p.minute ?? 0;
  const second = p.second ?? 0;
  if (!Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute || second))) return undefined;
  const offset = p.offset ?? 0; // zone-less → UTC (documented rule)
  if (Math.abs(offset) > 14 * 60) return undefined;
  let ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), p.millis ?? 0);
  if (year < 100) {
    // Date.UTC maps years 0–99 to 1900–1999.
    const d = new Date(ms);
    d.setUTCFullYear(year);
    ms = d.getTime();
  }
  ms -= offset * 60_000;
  if (!Number.isFinite(ms)) return undefined;
  // Manual formatting: toISOString is slow, and we want whole seconds without ".000".
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) return undefined;
  const millis = d.getUTCMilliseconds();
  return (
    `${pad(y, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${millis ? `.${pad(millis, 3)}` : ''}Z`
  );
}

/** `Z`, `+hh:mm`, `+hhmm`, `+hh`, `GMT+hh:mm`, or a zone name → minutes east; null = unreadable. */
function parseZone(raw: string | undefined): number | undefined | null {
  if (raw === undefined || raw === '') return undefined;
  let zone = raw.trim();
  const prefixed = /^(?:gmt|utc|ut)\s*([+-].*)$/i.exec(zone);
  if (prefixed) zone = prefixed[1];
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? 0);
    if (hours > 14 || minutes > 59) return null;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const shortNumeric = /^([+-])(\d)$/.exec(zone);
  if (shortNumeric) return (shortNumeric[1] === '-' ? -1 : 1) * Number(shortNumeric[2]) * 60;
  const named = ZONES[zone.toLowerCase()];
  return named === undefined ? null : named;
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?`;

function withTime(base: Omit<Parts, 'hour'>, m: RegExpExecArray | null, i: number): Parts {
  const parts = base as Parts;
  if (!m || m[i] === undefined) return parts;
  parts.hour = Number(m[i]);
  parts.minute = Number(m[i + 1]);
  parts.second = m[i + 2] ? Number(m[i + 2]) : 0;
  parts.millis = m[i + 3] ? Math.floor(Number(`0.${m[i + 3]}`) * 1000) : 0;
  return parts;
}

const ISO_RE = new RegExp(
  String.raw`^(\d{4})(?:-?(0?\d{2})(?:-?(\d{2}))?)?(?:(?:T|\s+)${TIME})?\s*(Z|[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT))?$`,
  'i',
);

function parseIso(s: string): string | undefined {
  // Full and reduced W3C-DTF / ISO 8601.
  let m = ISO_RE.exec(s);
  if (m && !(m[8] !== undefined && m[4] === undefined)) {
    if (m[2] === undefined && m[4] !== undefined) return undefined;
    const zone = parseZone(m[8]);
    if (zone === null) return undefined;
    const parts = withTime({ year: Number(m[1]), month: Number(m[2] ?? 1), day: Number(m[3] ?? 1) }, m, 4);
    if (!parts) return undefined;
    if (m[4] !== undefined && m[8] === undefined && m[3] === undefined) return undefined;
    parts.offset = zone;
    // A 3-digit month must be 0-padded (feedparser's `YYYY-0MM-DD`).
    if (m[2] && m[2].length === 3 && m[2][0] !== '0') return undefined;
    const iso = toIso(parts);
    if (iso) return iso;
  }
  // Ordinal dates, four-digit years only: a bare 5-digit YYDDD (`22013`) is too ambiguous to trust.
  m = /^(\d{4})-?(\d{3})$/.exec(s);
  if (m) {
    const year = expandYear(m[1]);
    const ordinal = Number(m[2]);
    if (ordinal < 1 || ordinal > (isLeap(year) ? 366 : 365)) return undefined;
    const date = new Date(Date.UTC(2000, 0, 1));
    date.setUTCFullYear(year, 0, ordinal);
    return toIso({ year, month: date.getUTCMonth() + 1, day: date.getUTCDate() });
  }
  // 2-digit-year forms: YY-MM-DD, YYMMDD, -YY-MM, -YYMM
  m = /^(\d{2})-?(\d{2})-?(\d{2})$/.exec(s);
  if (m) return toIso({ year: expandYear(m[1]), month: Number(m[2]), day: Number(m[3]) });
  m = /^-(\d{2})-?(\d{2})$/.exec(s);
  if (m) return toIso({ year: expandYear(m[1]), month: Number(m[2]), day: 1 });
  return undefined;
}

function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)] ?? (key.length > 3 && key.startsWith('sept') ? 9 : undefined);
}

const MONTH_WORD = '([A-Za-z]{3,9}\\.?)';
const ZONE_WORD = String.raw`((?:(?:GMT|UTC|UT)\s*)?[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5}(?:/[A-Za-z]+)?)`;
const RFC822_RE = new RegExp(`^(\\d{1,2}) ${MONTH_WORD} (\\d{2,4})(?: ${TIME})?(?: ?${ZONE_WORD})?$`);
const CTIME_YEAR_FIRST_RE = new RegExp(`^${MONTH_WORD} (\\d{1,2}) (\\d{4}) ${TIME}(?: ?${ZONE_WORD})?$`);
const CTIME_YEAR_LAST_RE = new RegExp(`^${MONTH_WORD} (\\d{1,2}) ${TIME}(?: ${ZONE_WORD})? (\\d{4})$`);
const SLASHED_RE = new RegExp(`^(\\d{4})/(\\d{1,2})/(\\d{1,2})(?: ${TIME})?(?: ?${ZONE_WORD})?$`);

function parseRfc822(input: string): string | undefined {
  // Drop a leading weekday (any language already translated) and normalise commas.
  const s = input
    .replace(/^[A-Za-z]{2,9}\.?\s*,?\s*/, (w) => (monthNumber(w.replace(/[\s,.]/g, '')) ? w : ''))
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const zoneOf = (raw: string | undefined) => parseZone(raw);
  // 10 Jun 2003 04:00:00 GMT   |  10 Jun 2003
  let m = RFC822_RE.exec(s);
  if (m) {
    const month = monthNumber(m[2]);
    const zone = zoneOf(m[8]);
    if (!month || zone === null || m[3].length === 3) return undefined;
    const parts = withTime({ year: expandYear(m[3]), month, day: Number(m[1]) }, m, 4);
    if (!parts) return undefined;
    parts.offset = zone;
    return toIso(parts);
  }
  // Aug 30 2012 17:26:16 +0200   |  Jan 4 16:29:06 2004   |  Jul 15 01:16:00 +0000 2012
  m = CTIME_YEAR_FIRST_RE.exec(s);
  if (m) {
    const month = monthNumber(m[1]);
    const zone = zoneOf(m[8]);
    if (!month || zone === null) return undefined;
    const parts = withTime({ year: Number(m[3]), month, day: Number(m[2]) }, m, 4);
    if (!parts) return undefined;
    parts.offset = zone;
    return toIso(parts);
  }
  m = CTIME_YEAR_LAST_RE.exec(s);
  if (m) {
    const month = monthNumber(m[1]);
    const zone = zoneOf(m[7]);
    if (!month || zone === null) return undefined;
    const parts = withTime({ year: Number(m[8]), month, day: Number(m[2]) }, m, 3);
    if (!parts) return undefined;
    parts.offset = zone;
    return toIso(parts);
  }
  // 2006/09/15 08:19:53 EDT
  m = SLASHED_RE.exec(s);
  if (m) {
    const zone = zoneOf(m[8]);
    if (zone === null) return undefined;
    const parts = withTime({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, m, 4);
    if (!parts) return undefined;
    parts.offset = zone;
    return toIso(parts);
  }
  return undefined;
}

function parseKorean(s: string): string | undefined {
  // 2004년 05월 28일 01:31:15   |   2004-05-25 오후 11:23:17   (KST, +09:00)
  let m = /^(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) {
    return toIso({
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: Number(m[6] ?? 0),
      offset: 540,
    });
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(오전|오후)\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) {
    let hour = Number(m[5]);
    if (hour > 12) return undefined;
    if (m[4] === '오후' && hour < 12) hour += 12;
    if (m[4] === '오전' && hour === 12) hour = 0;
    return toIso({
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour,
      minute: Number(m[6]),
      second: Number(m[7] ?? 0),
      offset: 540,
    });
  }
  return undefined;
}

function translate(s: string): string {
  let out = s;
  if (/[\u0370-\u03ff]/.test(out)) {
    out = out.replace(/[\u0370-\u03ff]+/g, (w) => GREEK_MONTHS[w] ?? GREEK_DAYS[w] ?? w);
  }
  if (/[a-zá-ű]+/i.test(out)) {
    const hu = /^(\d{4})-([a-záéíóöőúüű]+)-(\d{1,2})(T.*)?$/i.exec(out);
    if (hu && HUNGARIAN_MONTHS[hu[2].toLowerCase()]) {
      const month = String(HUNGARIAN_MONTHS[hu[2].toLowerCase()]).padStart(2, '0');
      let rest = hu[4] ?? '';
      rest = rest.replace(/^T(\d):/, 'T0$1:');
      out = `${hu[1]}-${month}-${hu[3].padStart(2, '0')}${rest}`;
    }
  }
  return out;
}

/** A feed date string → ISO-8601 UTC instant, or undefined when it cannot be read with certainty. */
export function parseDate(value: string | undefined | null): string | undefined {
  if (value == null) return undefined;
  const s = translate(value.trim().replace(/\s+/g, ' '));
  if (!s || s.length > 80) return undefined;
  if (/[\uac00-\ud7af]/.test(s)) return parseKorean(s);
  if (/^[+-]?\d/.test(s)) {
    const iso = parseIso(s);
    if (iso) return iso;
  }
  return parseRfc822(s);
}
