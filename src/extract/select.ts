/**
 * Choosing the article among the page's blocks, in three named steps:
 *  1. prune furniture elements (navigation, share bars, comments …), unless one holds a large
 *     share of the page's article text (then the class name lied);
 *  2. pick the container whose blocks maximise article text minus weighted furniture text;
 *  3. filter the container's blocks one by one (link lists, boilerplate lines, bylines, headline).
 */
import type { RemovalReason } from '../model/index.js';
import type { BlockWalk, RawBlock } from './blocks.js';
import { dateInText } from './metadata.js';
import { BODY_HINTS, BYLINE_TEXT, DATE_LINE, FURNITURE_TEXT, THRESHOLDS } from './rules.js';
import type { Element, Node } from './tree.js';

/**
 * Length of a block's text for the "long enough to be a paragraph" tests, with CJK characters
 * counted three times (one Chinese/Japanese/Korean character carries about a word).
 */
export function textSize(b: RawBlock): number {
  if (b.size === undefined) {
    const cjk = b.text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff66-\uff9f]/g)?.length ?? 0;
    b.size = b.chars + 2 * cjk;
  }
  return b.size;
}

export function linkDensity(b: RawBlock): number {
  return b.chars ? b.linkChars / b.chars : 0;
}

/** A list whose items are mostly bare links (menus, related stories, tag lists). */
function isLinkList(b: RawBlock): boolean {
  return (b.linkItems ?? 0) > THRESHOLDS.linkListItems || linkDensity(b) > THRESHOLDS.linkListDensity;
}

/** How much a block counts as article text (good) or as furniture (bad). */
export function blockWeight(b: RawBlock): { good: number; bad: number } {
  if (b.removed || b.chars === 0) return { good: 0, bad: 0 };
  const ld = linkDensity(b);
  const kind = b.block.kind;
  if (kind === 'list') {
    return isLinkList(b) ? { good: 0, bad: b.chars } : { good: b.chars * 0.5 * (1 - ld), bad: 0 };
  }
  if (ld > THRESHOLDS.linkDensityBad) return { good: 0, bad: b.chars };
  if (kind === 'heading') return { good: 0, bad: 0 };
  if (kind === 'table') {
    return ld <= THRESHOLDS.linkDensityGood
      ? { good: b.chars * 0.5 * (1 - ld), bad: 0 }
      : { good: 0, bad: b.chars * 0.5 };
  }
  if (textSize(b) >= THRESHOLDS.goodMinChars && ld <= THRESHOLDS.linkDensityGood)
    return { good: b.chars * (1 - ld), bad: 0 };
  return { good: 0, bad: 0 };
}

function sums(blocks: RawBlock[]): { good: Float64Array; bad: Float64Array } {
  const good = new Float64Array(blocks.length + 1);
  const bad = new Float64Array(blocks.length + 1);
  for (let i = 0; i < blocks.length; i++) {
    const w = blockWeight(blocks[i]);
    good[i + 1] = good[i] + w.good;
    bad[i + 1] = bad[i] + w.bad;
  }
  return { good, bad };
}

/**
 * Teasers: a linked heading followed by a short summary is a link to another story (river of
 * news, "more stories" grids). The summary is marked as related links.
 */
export function markTeasers(blocks: RawBlock[]): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.block.kind !== 'heading' || linkDensity(b) <= THRESHOLDS.linkDensityBad) continue;
    // The teaser unit: the largest ancestor of the heading that still holds only a few blocks (a card).
    let unit = b.el.parent;
    while (unit?.parent && unit.parent.endBlock - unit.parent.firstBlock <= THRESHOLDS.teaserUnitBlocks)
      unit = unit.parent;
    if (!unit || unit.endBlock - unit.firstBlock > THRESHOLDS.teaserUnitBlocks) continue;
    let marked = 0;
    for (let j = i + 1; j < unit.endBlock && marked < THRESHOLDS.teaserMaxBlocks; j++) {
      const next = blocks[j];
      const kind = next.block.kind;
      if (kind === 'image' || next.removed) continue;
      if (kind !== 'paragraph' || next.chars > THRESHOLDS.teaserMaxChars) break;
      next.removed = 'related-links';
      if (textSize(next) >= THRESHOLDS.goodMinChars) marked++;
    }
  }
}

/**
 * Rivers of teasers: three or more sibling elements of the same tag and class, each a small
 * unit with a linked title and short text (story cards, "more from" grids). Their text is
 * marked as related links, so the grid neither counts as article text nor ends up in it.
 */
export function markTeaserGrids(body: Element, blocks: RawBlock[]): void {
  const stack: Node[] = [body];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.type !== 'element' || el.endBlock === el.firstBlock) continue;
    let candidates = 0;
    for (const child of el.children) {
      if (child.type !== 'element' || child.endBlock === child.firstBlock) continue;
      stack.push(child);
      candidates++;
    }
    if (candidates < THRESHOLDS.teaserGridMin) continue;
    const groups = new Map<string, Element[]>();
    for (const child of el.children) {
      if (child.type !== 'element' || child.endBlock === child.firstBlock) continue;
      // Tag and first class name: "card" and "card card--wide" are the same kind of card.
      const key = `${child.tag}.${(child.attrs.class ?? '').trim().split(/\s+/)[0]}`;
      const group = groups.get(key);
      if (group) group.push(child);
      else groups.set(key, [child]);
    }
    for (const group of groups.values()) {
      if (group.length < THRESHOLDS.teaserGridMin) continue;
      const units = group.filter((u) => isTeaserUnit(u, blocks));
      if (units.length < THRESHOLDS.teaserGridMin || units.length < group.length * 0.6) continue;
      for (const u of units) {
        for (let i = u.firstBlock; i < u.endBlock; i++)
          if (!blocks[i].removed) blocks[i].removed = 'related-links';
      }
    }
  }
}

function isTeaserUnit(u: Element, blocks: RawBlock[]): boolean {
  if (u.endBlock - u.firstBlock > THRESHOLDS.teaserUnitBlocks) return false;
  let linkedTitle = false;
  for (let i = u.firstBlock; i < u.endBlock; i++) {
    const b = blocks[i];
    if (b.chars > THRESHOLDS.teaserMaxChars) return false;
    if (b.block.kind !== 'image' && b.chars > 0 && linkDensity(b) > THRESHOLDS.linkDensityBad)
      linkedTitle = true;
  }
  return linkedTitle;
}

/** Step 1: mark the blocks of furniture elements as removed. */
export function pruneFurniture(walk: BlockWalk): void {
  const { blocks } = walk;
  const { good } = sums(blocks);
  const total = good[blocks.length];
  for (const { el, reason } of walk.furniture) {
    const share = total > 0 ? (good[el.endBlock] - good[el.firstBlock]) / total : 0;
    const strong = el.furnitureStrong || reason === 'comments' || reason === 'hidden';
    const limit = strong ? THRESHOLDS.pruneMaxShareStrong : THRESHOLDS.pruneMaxShare;
    if (share >= limit) continue;
    for (let i = el.firstBlock; i < el.endBlock; i++) if (!blocks[i].removed) blocks[i].removed = reason;
  }
}

/** Step 2: the element whose range scores best; deeper elements win ties. */
export function chooseContainer(body: Element, blocks: RawBlock[]): Element {
  const { good, bad } = sums(blocks);
  let best = body;
  let bestScore = Number.NEGATIVE_INFINITY;
  const stack: Node[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    if (node.endBlock > node.firstBlock) {
      const g = good[node.endBlock] - good[node.firstBlock];
      const b = bad[node.endBlock] - bad[node.firstBlock];
      let score = g - THRESHOLDS.badTextWeight * b;
      if (
        g > 0 &&
        (node.attrs.itemprop === 'articleBody' ||
          BODY_HINTS.test(`${node.attrs.class ?? ''} ${node.attrs.id ?? ''}`))
      ) {
        score += g * THRESHOLDS.bodyHintBonus;
      }
      if (score >= bestScore) {
        best = node;
        bestScore = score;
      }
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return best;
}

function normalizeForCompare(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A short line that is mostly a date or time ("UPDATED: Tue., Nov. 19, 2019", "기사입력 :[ 2018-09-28 17:32 ]"). */
function isDateline(text: string): boolean {
  if (text.length > 90 || (/[.!?]["”’)]?$/.test(text) && !/\d[.]?$/.test(text))) return false;
  // "— Jane Doe (@jane) November 19, 2019" closes an embedded tweet: part of the quoted post.
  if (/\(@\w+\)|^[—–-]\s/.test(text)) return false;
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length > 12) return false;
  return dateInText(text) !== undefined || (/\b\d{1,2}:\d{2}\b/.test(text) && /\b(19|20)\d{2}\b/.test(text));
}

function isDatedByline(text: string): boolean {
  return (
    dateInText(text) !== undefined || /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{1,2}:\d{2}\s*[ap]\.?m\b/i.test(text)
  );
}

/** Step 3: drop the container's blocks that are not article text; returns the kept ones. */
export function filterBlocks(
  blocks: RawBlock[],
  from: number,
  to: number,
  headline?: string,
  removedLines: RawBlock[] = [],
): RawBlock[] {
  const kept: RawBlock[] = [];
  const headlineKey = headline ? normalizeForCompare(headline) : '';
  for (let i = from; i < to; i++) {
    const b = blocks[i];
    if (b.removed) continue;
    const reason = blockRemoval(b, headlineKey);
    if (reason) b.removed = reason;
    else {
      if (b.block.kind === 'paragraph' && b.text.includes('\n')) filterLines(b, headlineKey, removedLines);
      if (!b.removed) kept.push(b);
    }
  }
  return trimEdges(kept);
}

/**
 * Paragraphs built from <br>-separated lines (old table layouts, minimal CMSs) can hold the
 * headline, byline or date as their first lines: each line is checked like a block of its own.
 */
function filterLines(b: RawBlock, headlineKey: string, removed: RawBlock[]): void {
  if (b.block.kind !== 'paragraph') return;
  const lines = b.text.split('\n');
  const keep: string[] = [];
  for (const line of lines) {
    const probe: RawBlock = {
      ...b,
      text: line,
      chars: line.length,
      linkChars: 0,
      removed: undefined,
      size: undefined,
    };
    const reason =
      headlineKey && normalizeForCompare(line) === headlineKey
        ? 'stray-headline'
        : line.length < 200
          ? blockRemoval(probe, headlineKey)
          : undefined;
    if (reason) {
      probe.removed = reason;
      removed.push(probe);
    } else keep.push(line);
  }
  if (keep.length === lines.length) return;
  if (keep.length === 0) {
    b.removed = removed[removed.length - 1]?.removed ?? 'other';
    return;
  }
  const text = keep.join('\n');
  b.block = { kind: 'paragraph', text };
  b.linkChars = Math.round(b.linkChars * (text.length / b.chars));
  b.text = text;
  b.chars = text.length;
  b.size = undefined;
}

function blockRemoval(b: RawBlock, headlineKey: string): RemovalReason | undefined {
  const kind = b.block.kind;
  if (kind === 'image') return undefined;
  const ld = linkDensity(b);
  if (kind === 'list') {
    if (isLinkList(b)) return 'related-links';
  } else if (ld > THRESHOLDS.linkDensityBad && b.chars < 400) return 'related-links';
  const text = b.text.trim();
  if (text.length <= 400) {
    for (const re of FURNITURE_TEXT) if (re.test(text)) return 'boilerplate';
  }
  if (text.length <= 200) {
    if (kind !== 'heading' && BYLINE_TEXT.test(text)) return 'byline';
    // "By Jane Doe - 11/18/19 11:04 PM EST", "By / Jane Doe / on Monday, November 18th, 2019"
    if (
      kind !== 'heading' &&
      /^(by|von|por|par|di)\b/i.test(text) &&
      text.split(/\s+/).length <= 25 &&
      isDatedByline(text)
    )
      return 'byline';
    if (DATE_LINE.test(text)) return 'dateline';
    if (isDateline(text)) return 'dateline';
  }
  if (kind === 'heading' && headlineKey && normalizeForCompare(text) === headlineKey) return 'stray-headline';
  return undefined;
}

/**
 * Author bios at the end ("Jane Doe is a reporter covering …", "Pulitzer-winning columnist Jane Doe
 * writes …"): one of the last few text blocks that names an author early and describes them.
 */
export function dropAuthorBio(kept: RawBlock[], authors: string[]): RawBlock[] {
  if (!authors.length) return kept;
  const names = authors.map((a) => a.toLowerCase()).filter((a) => a.length >= 5);
  let seen = 0;
  for (let i = kept.length - 1; i >= 0 && seen < THRESHOLDS.bioTailBlocks; i--) {
    const b = kept[i];
    if (b.block.kind !== 'paragraph') continue;
    seen++;
    if (b.chars > 700) continue;
    const head = b.text.slice(0, 160).toLowerCase();
    const at = names.map((n) => head.indexOf(n)).find((p) => p >= 0 && p < 60);
    if (at === undefined) continue;
    if (BIO_VERBS.test(head)) b.removed = 'byline';
  }
  return kept.filter((b) => !b.removed);
}

const BIO_VERBS =
  /\b(is an?|is the|was an?|writes|covers|has written|reports on|is a staff|is based in|joined)\b/;

/** Short, non-sentence blocks before the first and after the last real paragraph are furniture. */
function trimEdges(kept: RawBlock[]): RawBlock[] {
  const isReal = (b: RawBlock) =>
    (b.block.kind === 'paragraph' || b.block.kind === 'quote') &&
    textSize(b) >= THRESHOLDS.goodMinChars &&
    linkDensity(b) <= THRESHOLDS.linkDensityGood;
  const first = kept.findIndex(isReal);
  if (first < 0) return kept;
  let last = kept.length - 1;
  while (last > first && !isReal(kept[last])) last--;
  const out: RawBlock[] = [];
  for (let i = 0; i < kept.length; i++) {
    const b = kept[i];
    const edge = i < first || i > last;
    if (
      edge &&
      b.block.kind !== 'image' &&
      b.block.kind !== 'heading' &&
      textSize(b) < THRESHOLDS.edgeMinChars
    ) {
      b.removed = 'furniture';
      continue;
    }
    out.push(b);
  }
  return out;
}
