import { JastBuilder } from '@atlaskit/jql-ast';
import { keptAnswers } from './kept-answers';
import { scopedRuleJql } from './mapping-rule';

/** What Atlassian's parser makes of a JQL text: its first syntax problem, and what keeps it out of the app's query. */
interface JqlReading {
  syntax: string | null;
  embedded: string | null;
}

/**
 * Parsing is the costly part of checking JQL (the parser builds a whole syntax tree), and a run checks
 * its rule's JQL again at every page, so the answers for the last few texts are kept. An answer depends
 * on the text alone, so a kept one is the answer the parser would give again.
 */
const readings = keptAnswers<JqlReading>(64);

const reading = (jql: string): JqlReading => readings.answer(jql, () => parse(jql));

function parse(jql: string): JqlReading {
  if (jql.trim() === '') return { syntax: 'Write a JQL query.', embedded: 'Write a JQL query.' };
  const { errors, query } = new JastBuilder().build(jql);
  const first = errors[0];
  if (first) {
    const where =
      'start' in first && typeof first.start === 'number' ? ` (at character ${first.start + 1})` : '';
    const syntax = `The JQL does not parse${where}: ${parserWords(first.message)}`;
    return { syntax, embedded: syntax };
  }
  const embedded = query?.orderBy
    ? 'Leave out ORDER BY: the app visits the tickets in its own order.'
    : query?.where
      ? null
      : 'Write a condition that picks tickets, such as issuetype = Bug.';
  return { syntax: null, embedded };
}

/**
 * Checks JQL syntax with Atlassian's own parser before Jira is asked, so an admin gets the position of
 * a typo as they type. Returns the first problem, or null when the query parses.
 */
export function jqlSyntaxProblem(jql: string): string | null {
  return reading(jql).syntax;
}

/**
 * The parser speaks in grammar tokens ("mismatched input '<EOF>' expecting {'=', IN, …}"); a person
 * needs to hear what is wrong at that place and what to write there.
 */
function parserWords(message: string): string {
  const found = message.match(/input '((?:[^']|'')*)'/)?.[1];
  const expected = message.match(/expecting (.*)$/)?.[1] ?? '';
  const at =
    found === undefined || found === '<EOF>' ? 'it ends too soon.' : `"${found}" cannot stand there.`;
  const hint = /'='|'~'|\bIN\b/.test(expected)
    ? 'Compare the field with =, ~, IN or IS.'
    : /CUSTOMFIELD/.test(expected)
      ? 'Write a field name there, such as status or summary.'
      : /STRING|NUMBER|EMPTY/.test(expected)
        ? 'Give the value to compare with, in quotes if it has spaces.'
        : /'\)'/.test(expected)
          ? 'Close the bracket.'
          : 'Check the spelling and the quotes there.';
  return `${at} ${hint}`;
}

/**
 * Checks a person's JQL that the app will put inside a query of its own (`project = X AND (<theirs>)`).
 * It must parse on its own, as one whole condition: a fragment such as `a = 1) OR (b = 2` parses only
 * once combined, and would then reach past the app's project scope. ORDER BY cannot follow an AND, so
 * it is refused too (the app decides the order of what it visits).
 */
export function embeddedJqlProblem(jql: string): string | null {
  return reading(jql).embedded;
}

/**
 * Puts a person's JQL inside the app's own conditions as one parenthesised node. Throws when the JQL
 * could escape its brackets (see `embeddedJqlProblem`), so no caller can build an unscoped query by
 * forgetting the check.
 */
export function embedJql(scope: string, jql: string): string {
  const problem = embeddedJqlProblem(jql);
  if (problem) throw new UnsafeJqlError(problem);
  return `${scope} AND (${jql})`;
}

export class UnsafeJqlError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'UnsafeJqlError';
  }
}

/**
 * Someone's JQL as the app runs it, confined to an outcome's projects: a mapping rule's, a JQL-computed
 * KPI's, and the app's own lists of an outcome's tickets. Refuses JQL that could reach past the projects
 * (one saved before its JQL was checked on its own). The same text as `scopedRuleJql`, which the admin
 * page uses to show the query as it is typed, so the page's bundle does not carry the JQL parser.
 */
export function confinedJql(jql: string, projectKeys: readonly string[]): string {
  const problem = embeddedJqlProblem(jql);
  if (problem) throw new UnsafeJqlError(problem);
  return scopedRuleJql({ jql }, projectKeys);
}

/** At most this much of what someone typed is quoted to show where a problem is. */
const QUOTE_LENGTH = 20;

/**
 * Where a position of the app's query falls in what the person typed, in their words: "character 30 of
 * what you typed, at “) OR status”" (with its line when they wrote more than one), or the app's own part.
 * `index` counts from 0 in `runJql`; `offset` is where their text starts in it.
 */
function placeInTheirs(index: number, offset: number, theirJql: string): string {
  const at = index - offset;
  if (at < 0 || at > theirJql.length) return 'the part the app adds (not what you typed)';
  const lineStart = theirJql.lastIndexOf('\n', at - 1) + 1;
  const line = theirJql.slice(0, lineStart).split('\n').length;
  const column = at - lineStart + 1;
  const where = theirJql.includes('\n') ? `line ${line}, character ${column}` : `character ${column}`;
  const rest = theirJql.slice(at).split('\n')[0] ?? '';
  const quote =
    rest.trim() === ''
      ? 'at the end'
      : `at “${rest.length > QUOTE_LENGTH ? `${rest.slice(0, QUOTE_LENGTH)}…` : rest}”`;
  return `${where} of what you typed, ${quote}`;
}

/**
 * Jira's message about a query the app built around someone's JQL, with every position ("line 1,
 * character 44" from Jira, "character 44" from the app's own parser, both counting from 1) made to count in
 * what that person typed, and the words found there quoted: they never saw the app's wrapping. A position
 * in the app's own part is said as such.
 */
export function messageInTheirTerms(message: string, runJql: string, theirJql: string): string {
  const offset = runJql.indexOf(theirJql);
  if (offset < 0) return message;
  const lineStarts = [0];
  for (let i = runJql.indexOf('\n'); i >= 0; i = runJql.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return message.replace(
    /\b(?:line (\d+), )?character (\d+)/g,
    (whole, line: string | undefined, character: string) => {
      const start = line === undefined ? 0 : lineStarts[Number(line) - 1];
      if (start === undefined) return whole;
      return placeInTheirs(start + Number(character) - 1, offset, theirJql);
    },
  );
}
