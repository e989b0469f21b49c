/** Bite: what a busy reader sees instead of the article. Filled by `analyse`. */

export type EntityType = 'person' | 'organisation' | 'place' | 'other';

export interface Entity {
  /** One canonical name per entity ("Musk" and "Mr Musk" fold into "Elon Musk"). */
  name: string;
  type: EntityType;
  /** Mentions in the text, all surface forms counted. */
  count: number;
  /** Character offset of the first mention in the article text. */
  first: number;
  /** Distinct surface forms seen ("Musk", "Elon Musk", …). */
  mentions: string[];
}

export type SpeakerKind = 'named' | 'anonymous' | 'unknown';

export interface Quote {
  /** The quoted words, without the quotation marks. */
  text: string;
  /** Canonical speaker name for named speakers; the phrase used for anonymous ones ("one source"). */
  speaker?: string;
  speakerKind: SpeakerKind;
  /** True when only part of the sentence is quoted (“absurd,” within reported speech). */
  partial: boolean;
  /** Index of the sentence (in the article's sentence list) where the quote starts. */
  sentence: number;
}

export interface Sourcing {
  /** Attributions to named people or organisations. */
  named: number;
  /** Attributions to unnamed sources ("sources", "insiders", "officials say", "one source"). */
  anonymous: number;
  /** Hedging words and how often they occur ("reportedly" → 6). */
  hedges: Record<string, number>;
  /** Other outlets the article credits for claims ("the Wall Street Journal"). */
  outlets: string[];
  /** A coarse reading of the above. */
  level: 'unsourced' | 'mostly-named' | 'mixed' | 'mostly-anonymous';
  /** One line a reader understands. */
  note: string;
}

export interface SummarySentence {
  text: string;
  /** For story (multi-document) summaries: the id of the article the sentence comes from. */
  source?: string;
}

export interface Bite {
  /** 1–3 sentences, in reading order. */
  summary: SummarySentence[];
  keyPoints: string[];
  entities: Entity[];
  quotes: Quote[];
  sourcing: Sourcing;
  keywords: string[];
  /** Which engine wrote the summary. */
  method: 'lead' | 'extractive' | 'abstractive';
  /** Language the analysis assumed. */
  language?: string;
  /** Why the summary engine differs from the one asked for (e.g. the LLM failed → extractive fallback). */
  summaryNote?: string;
}
