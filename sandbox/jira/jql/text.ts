// Text search for `~` and `!~`: a small stand-in for Jira's Lucene analysis. Words are matched
// case-insensitively after light English stemming, every word of the query must occur, a quoted
// query must occur as a phrase, and a trailing `*` matches a word prefix.

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('es')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

interface Term {
  text: string;
  prefix: boolean;
}

export interface TextQuery {
  phrase: boolean;
  terms: Term[];
}

export function parseTextQuery(query: string): TextQuery {
  const trimmed = query.trim();
  const phrase = trimmed.length > 1 && trimmed.startsWith('"') && trimmed.endsWith('"');
  const body = phrase ? trimmed.slice(1, -1) : trimmed;
  const terms: Term[] = [];
  for (const raw of body.split(/\s+/)) {
    const prefix = raw.endsWith('*');
    for (const w of words(prefix ? raw.slice(0, -1) : raw))
      terms.push({ text: prefix ? w : stem(w), prefix });
  }
  return { phrase, terms };
}

function termMatches(term: Term, word: string): boolean {
  return term.prefix ? word.startsWith(term.text) : stem(word) === term.text;
}

export function textMatches(text: string, query: TextQuery): boolean {
  const tokens = words(text);
  if (query.terms.length === 0) return false;
  if (!query.phrase) return query.terms.every((t) => tokens.some((w) => termMatches(t, w)));
  for (let start = 0; start + query.terms.length <= tokens.length; start++) {
    if (query.terms.every((t, i) => termMatches(t, tokens[start + i] ?? ''))) return true;
  }
  return false;
}
