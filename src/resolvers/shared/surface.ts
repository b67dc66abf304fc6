import Resolver from '@forge/resolver';
import type { AppErrorBody, Reply } from '../../contract/envelope';
import { fieldErrorsOf, inPlace, inWords } from '../../contract/messages';
import type { OutputOf, ParsedInputOf, SurfaceContract } from '../../contract/surface';
import { waitInWords } from '../../domain/backoff';
import { AppError, validationFailed } from '../../domain/errors';
import { readClock } from '../../platform/clock';
import { JiraHttpError } from '../../platform/jira/client';
import { meteredEntry } from '../../platform/jira/points-meter';

/** Who is calling. Only ever built from the invocation context, never from a payload. */
export interface Caller {
  accountId: string;
  /** The invocation's moment: the clock is read once, here, and every step of the call uses it. */
  now: Date;
  /**
   * The one project a call may touch, on a surface that works for one project (the project settings page):
   * every outcome, KPI and rule it reads or changes must name that project (`adminAccess` confines it).
   */
  confinedTo?: string;
}

/**
 * How a surface confines its callers, from the invocation's context: a project key, or an `AppError` that
 * refuses the call. The context's `extension` comes from the page that called, so confinement may only
 * ever narrow what the caller's own Jira permissions allow, never widen it.
 */
export type Confinement = (context: Record<string, unknown>) => string | AppError;

export type Handler<I, O> = (input: I, caller: Caller) => Promise<O>;

/**
 * One resolver operation: `authorize` runs first and returns what it learned (the issue, the grants),
 * `run` acts with it. Keeping the two apart makes "check, then act" the only possible order.
 */
export const operation =
  <I, O, G>(def: {
    authorize: (input: I, caller: Caller) => Promise<G>;
    run: (input: I, caller: Caller, grant: G) => Promise<O>;
  }): Handler<I, O> =>
  async (input, caller) =>
    def.run(input, caller, await def.authorize(input, caller));

/**
 * `operation`, typed by a surface's contract: `operationOf<AdminPageContract>()('admin/load', {...})`
 * gives `authorize` and `run` the parsed input and output types of that key.
 */
export const operationOf =
  <C extends SurfaceContract>() =>
  <K extends keyof C, G>(
    _key: K,
    def: {
      authorize: (input: ParsedInputOf<C, K>, caller: Caller) => Promise<G>;
      run: (input: ParsedInputOf<C, K>, caller: Caller, grant: G) => Promise<OutputOf<C, K>>;
    },
  ): Handler<ParsedInputOf<C, K>, OutputOf<C, K>> =>
    operation(def);

export type SurfaceHandlers<C extends SurfaceContract> = {
  [K in keyof C]: Handler<ParsedInputOf<C, K>, OutputOf<C, K>>;
};

/**
 * Builds the Forge resolver for one surface: every key of the contract is defined, every payload is parsed
 * with its schema before anything else, the caller comes from `context.accountId`, and every outcome,
 * good or bad, leaves as the reply envelope.
 */
export function defineSurface<C extends SurfaceContract>(
  contract: C,
  handlers: SurfaceHandlers<C>,
  options: { confine?: Confinement } = {},
) {
  const resolver = new Resolver();
  for (const key of Object.keys(contract) as (keyof C & string)[]) {
    const op = contract[key];
    const handler = handlers[key];
    if (!op || !handler) throw new Error(`Surface is missing operation ${key}`);
    resolver.define(key, async ({ payload, context }): Promise<Reply<unknown>> => {
      const accountId: unknown = context.accountId;
      if (typeof accountId !== 'string' || accountId.length === 0) {
        return fail({
          code: 'FORBIDDEN',
          message: 'Sign in to Jira to use Outcome Bridge.',
          fieldErrors: [],
        });
      }
      const confinedTo = options.confine?.(context);
      if (confinedTo instanceof AppError) return fail(confinedTo.toBody());
      const parsed = op.input.safeParse(payload, { error: inWords });
      if (!parsed.success) return fail(validationFailed(fieldErrorsOf(parsed.error)).toBody());
      try {
        // The schema of this very key produced the value, so it has the handler's input type.
        const data = await handler(parsed.data as ParsedInputOf<C, typeof key>, {
          accountId,
          now: readClock(),
          ...(confinedTo === undefined ? {} : { confinedTo }),
        });
        return { ok: true, data: op.output.parse(data) };
      } catch (error) {
        return fail(toErrorBody(error, key));
      }
    });
  }
  // Metered: the points a call spends as the app reach the ledger once it ends (never blocked by the budget).
  // A refused call is not recorded: it changes nothing, the ledger included (its few points go uncounted).
  return meteredEntry(resolver.getDefinitions(), isAnswered);
}

const fail = (error: AppErrorBody): Reply<never> => ({ ok: false, error });

/** A reply that answered the call (not a refusal or an error). */
const isAnswered = (reply: unknown): boolean =>
  typeof reply === 'object' && reply !== null && 'ok' in reply && reply.ok === true;

/** Translates anything thrown below a resolver into a message a user can act on. */
export function toErrorBody(error: unknown, operationKey: string): AppErrorBody {
  if (error instanceof AppError) {
    const body = error.toBody();
    // Messages below the resolvers are written next to their fields; the reply names the field in words.
    return { ...body, fieldErrors: body.fieldErrors.map((e) => inPlace(e, { nameField: false })) };
  }
  if (error instanceof JiraHttpError) {
    const detail = error.messages[0];
    switch (true) {
      case error.status === 404:
        return body('NOT_FOUND', detail ?? 'Jira could not find that.');
      case error.status === 401 || error.status === 403:
        return body('FORBIDDEN', detail ?? 'Jira did not allow that for your account.');
      case error.status === 429:
        // The client waited what Jira asked only while it fit in the resolver's 25 s; past that the person
        // is told when to come back rather than kept waiting (or the invocation cut off at its limit).
        return error.retryAfterSeconds === null
          ? body('RATE_LIMITED', 'Jira is busy right now. Wait a minute and try again.')
          : {
              ...body('RATE_LIMITED', `Jira is busy; try again in ${waitInWords(error.retryAfterSeconds)}.`),
              retryAfterSeconds: error.retryAfterSeconds,
            };
      case error.status >= 500:
        return body('JIRA_UNAVAILABLE', 'Jira did not answer properly. Try again in a moment.');
      default:
        return body('VALIDATION_FAILED', detail ?? 'Jira rejected the request.');
    }
  }
  console.error(`[outcome-bridge] ${operationKey} failed`, error);
  return body(
    'INTERNAL',
    'Something went wrong on our side. Try again; if it keeps happening, tell your Jira admin.',
  );
}

const body = (code: AppErrorBody['code'], message: string): AppErrorBody => ({
  code,
  message,
  fieldErrors: [],
});
