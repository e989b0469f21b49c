/**
 * What the text source recognises, kept as data so each rule can be read, tested and
 * extended on its own (the trafilatura habit). Every pattern matches a whole line.
 */

/** Page furniture scrapers pick up: ad slots, share bars, newsletter and follow-us prompts. */
export const FURNITURE: readonly RegExp[] = [
  /^(advertisement|advertising|ad|sponsored( content)?|paid (content|post)|promoted( content)?)$/i,
  /^(story|article) continues below( (this )?(advertisement|ad))?$/i,
  /^(continue reading|read more|read the full (story|article)|see more|show more|load more|view more|more)( below| here| now)?\s*(»|>|…|\.\.\.)?$/i,
  /^(read more|continue reading|read the full (story|article)|full story)\s+(at|on|here)\b.{0,120}$/i,
  /^(loading|please wait)(\.{1,3}|…)?$/i,
  /^(skip to (main )?content|skip navigation|back to top|jump to comments|go to comments)$/i,
  /^(share|share this|share this (article|story|page)|share (on|via|to) \w+|copy link|link copied|tweet|email|print|save|save article|bookmark|gift (this )?article)$/i,
  /^(facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|email)(\s*[|/·•,]\s*(facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|email|copy link|print))+$/i,
  /^(\d+\s+)?comments?(\s*\(\d+\))?$/i,
  /^(join the conversation|have your say|add (a|your) comment|leave a comment|post a comment|view comments|show comments)\.?$/i,
  /^listen to (this|the) (article|story)\b.{0,40}$/i,
  /^\d+\s*(min|mins|minute|minutes)\s+read$/i,
  /^(sign up|subscribe|register)\b.{0,100}\b(newsletter|free|now|today|here|alerts|updates|inbox|our|daily|weekly)\b.{0,60}$/i,
  /^(get|receive) (our|the|all the|the latest)\b.{0,80}\b(newsletter|app|alerts|updates|inbox)\b.{0,40}$/i,
  /^(follow|like) us on\b.{0,80}$/i,
  /^(download|get) (the|our) .{0,40}\bapp\b.{0,60}$/i,
  /^(click|tap) here\b.{0,100}$/i,
  /^(we use cookies|this (site|website) uses cookies)\b.{0,200}$/i,
  /^your browser does not support\b.{0,80}$/i,
  /^(watch|see) the video (above|below)\.?$/i,
  /^(topics|tags|filed under|categories|more on|more about)\s*:.{0,200}$/i,
  /^(©|\(c\)|copyright\b).{0,160}$/i,
  /^all rights reserved\.?$/i,
  /^(privacy policy|terms of (use|service)|cookie (policy|settings)|contact us|about us)(\s*[|·•]\s*.{0,40})*$/i,
  /^(related|related (stories|articles|coverage|content|links)|recommended( for you)?|most (read|popular|viewed)|trending( now)?|top stories|more stories|more from .{1,40}|latest news|editor'?s picks|you (may|might) also like)\s*:?$/i,
  /^(image|photo|picture|gallery)\s+\d+\s+of\s+\d+$/i,
  /^\d+\s*\/\s*\d+$/,
  /^(view|open|launch) (the )?(gallery|slideshow|photos)$/i,
  /^(report an error|report a correction|send us a tip|got a (news )?tip\??)\b.{0,80}$/i,
  /^(this (article|story) (is|was) (brought to you|sponsored) by)\b.{0,100}$/i,
  /^https?:\/\/\S+$/i,
];

/** Photo and video credits standing alone on a line. */
export const CREDIT_LINE =
  /^(picture|photo|photograph|image|video|credit|photo credit|illustration)s?\s*:\s*.{1,100}$/i;

/** A credit at the end of a caption ("… Putin. Picture: AFP"), stripped before comparing. */
export const TRAILING_CREDIT =
  /\s*[([]?(picture|photo|photograph|image|credit|photo credit|source)s?\s*:\s*[^.!?]{1,60}[)\]]?\.?$/i;

/** Prefixes that mark a link to another story. */
export const RELATED_PREFIX =
  /^(related|related story|related article|read more|read also|also read|read next|see also|more|more news|watch|listen|video|gallery|recommended|most read|trending|top stories|don'?t miss|must read|you may also like)\s*[:|>»\-–—]\s*\S/i;

/** "By Jane Doe", "By Jane Doe and John Roe", "Words by …", optionally ", Outlet". */
export const BYLINE =
  /^(?:[Bb]y|BY|[Ww]ords by|[Ww]ritten by|[Ss]tory by|[Rr]eporting by)\s+([\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){0,3}(?:\s*(?:,|and|&)\s*[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){0,3})*)\s*(?:[,|–—-]\s*(.{2,60}))?$/u;

/** "Published: …", "Updated …", "Posted on …" followed by a date. */
export const DATE_LINE_PREFIX =
  /^(?:published|updated|posted|first published|last updated|modified)(?:\s+on)?\s*:?\s*/i;

/** A wire or city dateline at the start of a paragraph: "WASHINGTON (Reuters) —". */
export const DATELINE_START = /^[\p{Lu}][\p{Lu} .,'-]{2,40}(\s*\([^)]{2,40}\))?\s*[—–-]\s/u;

/** Lines whose last character makes them prose rather than a headline-like line. */
export const TERMINAL = /[.!?…:;]["'”’»)\]]*$/u;

/** Words too common to say whether a line belongs to the story. */
export const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each even ever few for from further had has ' +
    'have having he her here hers herself him himself his how i if in into is it its itself just last like ' +
    'made make many may me might more most much must my new news no nor not now of off on once one only or ' +
    'other our ours out over own said same says she should so some such than that the their theirs them then ' +
    'there these they this those through to too under until up upon us very was we were what when where which ' +
    'while who whom why will with would year years you your yours first two three week weeks day days time ' +
    'former according told tell say get got'
  ).split(' '),
);
