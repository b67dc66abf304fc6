import type { Operand } from '@atlaskit/jql-ast';
import {
  addCalendar,
  type CalendarUnit,
  DAY_MS,
  parseJqlAbsoluteDate,
  parseJqlPeriod,
  startOfUtcDay,
} from '../dates';
import { errorMessage, type JiraHttpError } from '../errors';
import type { Actor } from '../permissions';
import type { JiraSite } from '../site';

/** One operand value after the parser: a literal, the EMPTY keyword, or a function call. */
export type Literal =
  | { kind: 'value'; value: string }
  | { kind: 'empty' }
  | { kind: 'function'; name: string; args: string[] };

export interface EvalContext {
  site: JiraSite;
  actor: Actor;
  /** The instant the query runs at; relative dates and date functions are computed from it. */
  now: number;
}

export function jqlError(message: string): JiraHttpError {
  return errorMessage(400, message);
}

export function literalsOf(operand: Operand): Literal[] {
  switch (operand.operandType) {
    case 'value':
      return [{ kind: 'value', value: operand.value }];
    case 'keyword':
      return [{ kind: 'empty' }];
    case 'function':
      return [
        { kind: 'function', name: operand.function.value, args: operand.arguments.map((a) => a.value) },
      ];
    case 'list':
      return operand.values.flatMap(literalsOf);
  }
}

// Real Jira functions the emulator does not evaluate; naming them gives a clearer 400.
const UNSUPPORTED_FUNCTIONS = new Set(
  [
    'membersOf',
    'issueHistory',
    'openSprints',
    'closedSprints',
    'futureSprints',
    'linkedIssues',
    'votedIssues',
    'watchedIssues',
    'updatedBy',
    'lastLogin',
    'currentLogin',
    'projectsLeadByUser',
    'projectsWhereUserHasPermission',
    'projectsWhereUserHasRole',
    'componentsLeadByUser',
    'releasedVersions',
    'unreleasedVersions',
    'latestReleasedVersion',
    'earliestUnreleasedVersion',
    'cascadeOption',
    'issuesWithRemoteLinksByGlobalId',
    'parentEpic',
    'portfolioChildIssuesOf',
    'approved',
    'approver',
    'pending',
    'pendingBy',
    'myApproval',
    'myPending',
    'breached',
    'completed',
    'elapsed',
    'paused',
    'remaining',
    'running',
    'withinCalendarHours',
    'everbreached',
  ].map((n) => n.toLowerCase()),
);

const DATE_FUNCTIONS = [
  'now',
  'startOfDay',
  'endOfDay',
  'startOfWeek',
  'endOfWeek',
  'startOfMonth',
  'endOfMonth',
  'startOfYear',
  'endOfYear',
];
const OTHER_FUNCTIONS = ['currentUser', 'standardIssueTypes', 'subTaskIssueTypes'];

/** The error for a function the field cannot take: unknown, unsupported here, or of the wrong type. */
export function functionNotAllowed(name: string, fieldName: string): JiraHttpError {
  const lower = name.toLowerCase();
  if (UNSUPPORTED_FUNCTIONS.has(lower)) {
    return jqlError(`The JQL function '${name}' is not supported by the Jira emulator.`);
  }
  const known = [...DATE_FUNCTIONS, ...OTHER_FUNCTIONS].some((f) => f.toLowerCase() === lower);
  if (!known) return jqlError(`Unable to find JQL function '${name}()'.`);
  return jqlError(`A value provided by the function '${name}' is invalid for the field '${fieldName}'.`);
}

export function isDateFunction(name: string): boolean {
  return DATE_FUNCTIONS.some((f) => f.toLowerCase() === name.toLowerCase());
}

function startOfWeek(ms: number): number {
  // Weeks start on Sunday in the en_US locale the emulated users have.
  const day = new Date(ms).getUTCDay();
  return startOfUtcDay(ms) - day * DAY_MS;
}

function startOfMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function startOfYear(ms: number): number {
  return Date.UTC(new Date(ms).getUTCFullYear(), 0, 1);
}

/** `startOfDay(-1)`, `startOfMonth("+2M")`: a bare number counts the function's own unit. */
function applyIncrement(ms: number, arg: string | undefined, defaultUnit: CalendarUnit, fn: string): number {
  if (arg === undefined || arg.trim() === '') return ms;
  const m = /^([-+]?\d+)\s*([yMwdhm]?)$/.exec(arg.trim());
  if (!m) throw jqlError(`The argument '${arg}' of the function '${fn}' is invalid.`);
  const unit = (m[2] || defaultUnit) as CalendarUnit;
  return addCalendar(ms, Number(m[1]), unit);
}

/** The instant a date function denotes. */
export function evaluateDateFunction(name: string, args: string[], now: number): number {
  const fn = DATE_FUNCTIONS.find((f) => f.toLowerCase() === name.toLowerCase()) ?? name;
  const arg = args[0];
  switch (fn) {
    case 'now':
      return now;
    case 'startOfDay':
      return applyIncrement(startOfUtcDay(now), arg, 'd', fn);
    case 'endOfDay':
      return applyIncrement(startOfUtcDay(now) + DAY_MS - 1, arg, 'd', fn);
    case 'startOfWeek':
      return applyIncrement(startOfWeek(now), arg, 'w', fn);
    case 'endOfWeek':
      return applyIncrement(startOfWeek(now) + 7 * DAY_MS - 1, arg, 'w', fn);
    case 'startOfMonth':
      return applyIncrement(startOfMonth(now), arg, 'M', fn);
    case 'endOfMonth':
      return applyIncrement(addCalendar(startOfMonth(now), 1, 'M') - 1, arg, 'M', fn);
    case 'startOfYear':
      return applyIncrement(startOfYear(now), arg, 'y', fn);
    case 'endOfYear':
      return applyIncrement(addCalendar(startOfYear(now), 1, 'y') - 1, arg, 'y', fn);
    default:
      throw jqlError(`Unable to find JQL function '${name}()'.`);
  }
}

/** A date literal or date function → instant. Accepts absolute dates and periods relative to now. */
export function dateValue(literal: Literal, fieldName: string, ctx: EvalContext): number {
  if (literal.kind === 'function') {
    if (!isDateFunction(literal.name)) throw functionNotAllowed(literal.name, fieldName);
    return evaluateDateFunction(literal.name, literal.args, ctx.now);
  }
  if (literal.kind === 'value') {
    const absolute = parseJqlAbsoluteDate(literal.value);
    if (absolute !== null) return absolute;
    const period = parseJqlPeriod(literal.value);
    if (period !== null) return ctx.now + period;
    throw jqlError(
      `Date value '${literal.value}' for field '${fieldName}' is invalid. Valid formats include: ` +
        `'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
    );
  }
  throw jqlError(`The field '${fieldName}' does not accept EMPTY here.`);
}

/** The account ids a user literal denotes: account id, email or display name; `currentUser()`. */
export function userValues(literal: Literal, fieldName: string, ctx: EvalContext): string[] {
  if (literal.kind === 'function') {
    if (literal.name.toLowerCase() !== 'currentuser') throw functionNotAllowed(literal.name, fieldName);
    // An app or anonymous caller has no current user, so nothing matches.
    return ctx.actor.kind === 'user' ? [ctx.actor.user.accountId] : [];
  }
  if (literal.kind !== 'value') return [];
  const wanted = literal.value.toLowerCase();
  const users = [...ctx.site.state.users, ctx.site.appUser()];
  const match =
    users.find((u) => u.accountId === literal.value) ??
    users.find((u) => u.emailAddress.toLowerCase() === wanted && wanted !== '') ??
    users.find((u) => u.displayName.toLowerCase() === wanted);
  if (!match) throw jqlError(`The value '${literal.value}' does not exist for the field '${fieldName}'.`);
  return [match.accountId];
}

export function numberValue(literal: Literal, fieldName: string): number {
  if (literal.kind === 'function') throw functionNotAllowed(literal.name, fieldName);
  if (literal.kind !== 'value') throw jqlError(`The field '${fieldName}' does not accept EMPTY here.`);
  const n = Number(literal.value);
  if (literal.value.trim() === '' || !Number.isFinite(n)) {
    throw jqlError(`The value '${literal.value}' is not a valid number for the field '${fieldName}'.`);
  }
  return n;
}
