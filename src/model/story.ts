/** Copies (one article published several times) and stories (one event covered by several outlets). */

/** The fields of an article the copy detector and the story clusterer look at. */
export interface StoryInput {
  id: string;
  title: string;
  text: string;
  /** Publisher or feed name. */
  source?: string;
  /** ISO-8601 publication time; arrival order is used when absent. */
  date?: string;
  url?: string;
  /** Canonical URL, when the page declared one. */
  canonicalUrl?: string;
  /** The original this article credits (model/article OriginalCredit.url). */
  originalUrl?: string;
  /** Entity names from the bite, when available. */
  entities?: string[];
}

/** Where one article landed. */
export interface StoryAssignment {
  id: string;
  /** Story id; stable for the article (a merged story redirects). */
  story: string;
  /** Id of the copy group's representative, when this article is a copy of it. */
  copyOf?: string;
  /** Copy group id (the representative's id); an article with no copies is its own group. */
  copyGroup: string;
}

export interface Story {
  id: string;
  headline: string;
  /** Article ids, earliest first. */
  articles: string[];
  /** Distinct publishers. */
  sources: string[];
  first?: string;
  last?: string;
}
