import { BULK_LINK_KEYS } from '@contract/limits';
import { countText } from '@domain/units';

/** The contract's issue key format (KEY-123), checked here so mistakes show before anything is sent. */
const ISSUE_KEY = /^[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,8}$/;

/** How many wrong tokens one message names before it says "and N more". */
const NAMED = 5;

export type ParsedKeys = { ok: true; keys: string[] } | { ok: false; message: string };

/** The tokens typed or pasted: separated by commas, semicolons, spaces or new lines. */
const tokensOf = (text: string) => text.split(/[\s,;]+/).filter((t) => t.length > 0);

/** Distinct issue keys of `projectKey` in what the user typed, upper-cased; or what is wrong with it. */
export function parseIssueKeys(text: string, projectKey: string): ParsedKeys {
  const tokens = tokensOf(text);
  if (tokens.length === 0)
    return { ok: false, message: `Enter at least one issue key, such as ${projectKey}-12.` };
  const keys: string[] = [];
  const malformed: string[] = [];
  const elsewhere: string[] = [];
  for (const token of tokens) {
    const key = token.toUpperCase();
    if (!ISSUE_KEY.test(key)) malformed.push(token);
    else if (key.slice(0, key.lastIndexOf('-')) !== projectKey) elsewhere.push(key);
    else if (!keys.includes(key)) keys.push(key);
  }
  if (malformed.length > 0) {
    return {
      ok: false,
      message: `${listed(malformed.map((t) => `“${t}”`))} ${malformed.length === 1 ? 'is not an issue key' : 'are not issue keys'}. Use keys such as ${projectKey}-12.`,
    };
  }
  if (elsewhere.length > 0) {
    return {
      ok: false,
      message: `${listed(elsewhere)} ${elsewhere.length === 1 ? 'is' : 'are'} not in ${projectKey}. Only this project's tickets can be linked here.`,
    };
  }
  if (keys.length > BULK_LINK_KEYS.max) {
    return {
      ok: false,
      message: `That is ${countText(keys.length)} tickets; at most ${countText(BULK_LINK_KEYS.max)} go at a time. Use JQL to link more.`,
    };
  }
  return { ok: true, keys };
}

function listed(items: string[]): string {
  const named = items.slice(0, NAMED).join(', ');
  return items.length > NAMED ? `${named} and ${items.length - NAMED} more` : named;
}
