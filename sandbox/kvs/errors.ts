/**
 * Errors as the Forge KVS service returns them: an HTTP status and a JSON body `{ code, message, context? }`.
 * The SDK turns every non-2xx answer into a `ForgeKvsAPIError` carrying exactly these fields, so codes and
 * messages are copied from the documentation (or from answers measured on the real service) wherever one exists.
 * Where Atlassian documents nothing, the code below is marked "chosen".
 */

export interface KvsErrorBody {
  code: string;
  message: string;
  context?: Record<string, unknown>;
}

export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly context?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'KvsError';
  }

  toBody(): KvsErrorBody {
    return this.context === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, context: this.context };
  }
}

const error = (status: number, code: string, message: string, context?: Record<string, unknown>) =>
  new KvsError(status, code, message, context);

export const kvsErrors = {
  // The generic schema violation; code and message as in the SDK's own tests of a malformed request.
  badRequest: (detail: string) => error(400, 'BAD_REQUEST', 'Provided request body is invalid', { detail }),
  // Message as in the SDK's tests and as measured on the service.
  keyNotFound: () => error(404, 'KEY_NOT_FOUND', 'Provided key does not exist'),

  // Key errors: handling-errors-kvs and handling-errors-customentities.
  keyTooShort: () => error(400, 'KEY_TOO_SHORT', 'The provided key needs to be more than one character.'),
  emptyKey: () => error(400, 'EMPTY_KEY', 'Key cannot be empty.'),
  keyTooLong: (max: number) =>
    error(400, 'KEY_TOO_LONG', `The provided key has exceeded the maximum ${max} characters.`),
  invalidKey: (pattern: string) =>
    error(400, 'INVALID_KEY', `The provided key does not match the regex: ${pattern}`),

  // Value errors: the same two pages.
  maxSize: () => error(400, 'MAX_SIZE', 'The provided value has exceeded the maximum size limit.'),
  maxDepth: (max: number) =>
    error(400, 'MAX_DEPTH', `The provided value has exceeded the maximum object depth (${max}) limit.`),

  // Write options: REST reference (set and entity/set) and measured answers.
  keyConflict: () => error(409, 'KEY_CONFLICT', 'Provided key already exists and cannot be overwritten'),
  invalidKeyPolicyCombination: () =>
    error(
      400,
      'INVALID_KEY_POLICY_RETURN_VALUE_COMBINATION',
      'returnValue can only be used together with keyPolicy OVERRIDE',
    ),
  invalidTtl: (message: string) => error(400, 'INVALID_TTL', message),

  // Plain key queries: handling-errors-kvs.
  listQueryLimitExceeded: () =>
    error(400, 'LIST_QUERY_LIMIT_EXCEEDED', 'Limit for list query should be below 100.'),
  queryWhereInvalid: () =>
    error(400, 'QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.'),
  queryWhereFieldInvalid: () =>
    error(400, 'QUERY_WHERE_FIELD_INVALID', 'The specified field is not supported for filters.'),
  invalidFilterCondition: () =>
    error(400, 'INVALID_FILTER_CONDITION', 'The specified condition is not supported for filters.'),
  invalidFilterValues: () =>
    error(
      400,
      'INVALID_FILTER_VALUES',
      'The specified number of values are not supported by the given condition.',
    ),

  // Entities: handling-errors-customentities, plus measured answers for an undeclared entity and a wrong type.
  entityTypeTooShort: () =>
    error(400, 'ENTITY_TYPE_TOO_SHORT', 'The provided key needs to be more than 3 characters.'),
  entityTypeTooLarge: () =>
    error(400, 'ENTITY_TYPE_TOO_LARGE', 'The provided key has exceeded the maximum 60 characters.'),
  invalidEntityType: (pattern: string) =>
    error(400, 'INVALID_ENTITY_TYPE', `The provided key does not match the regex: ${pattern}.`),
  schemaNotFound: () => error(404, 'SCHEMA_NOT_FOUND', 'The schema provided does not exist'),
  invalidEntityValue: (message = 'Entity values must match one of the types defined in Custom Entities.') =>
    error(400, 'INVALID_ENTITY_VALUE', message),
  incorrectPropertyType: (property: string, type: string) =>
    error(400, 'INCORRECT_PROPERTY_TYPE', `Data type for property "${property}" is defined as "${type}"`),
  invalidEntityIndex: () =>
    error(
      400,
      'INVALID_ENTITY_INDEX',
      'The custom entity index provided is invalid. The index name is a reserved value and cannot be utilized.',
    ),

  // Entity queries: handling-errors-customentities.
  pageLimitNotInRange: (max: number) =>
    error(400, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', `The page limit must be set between 1 and ${max}.`),
  emptyFilterOperator: () =>
    error(400, 'EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.'),
  invalidFilterOperatorsCombination: () =>
    error(
      400,
      'INVALID_FILTER_OPERATORS_COMBINATION',
      'Filter operators "and" and "or" cannot be present at the same level.',
    ),
  insufficientFilterValues: () =>
    error(400, 'INSUFFICIENT_FILTER_VALUES', 'The specified condition needs at least two values.'),
  // Chosen: the docs require a value for every partition attribute but name no code for a missing one.
  invalidPartition: (expected: number) =>
    error(
      400,
      'INVALID_PARTITION',
      `The index requires exactly ${expected} partition value(s), one per attribute.`,
    ),
  // Chosen: cursors are opaque and only valid for the query that produced them.
  invalidCursor: () => error(400, 'INVALID_CURSOR', 'The cursor is invalid or belongs to a different query.'),
  // Chosen code; the limit of 100 conditions per complex query is documented.
  tooManyConditions: (max: number) =>
    error(400, 'TOO_MANY_CONDITIONS', `A query can only have a maximum of ${max} conditions.`),

  // Transactions: REST reference (transaction) and measured answers.
  invalidTransactionRequest: () =>
    error(
      400,
      'INVALID_TRANSACTION_REQUEST',
      'Transaction request must include one of set, check or delete.',
    ),
  tooManyTransactionOperations: () =>
    error(422, 'UNPROCESSABLE_ENTITY', 'Request cannot be processed due to one or more semantic errors'),
  keyDuplication: () => error(400, 'KEY_DUPLICATION_ERROR', 'Duplicate key found in request'),
  conditionalCheckFailed: () =>
    error(
      400,
      'CONDITIONAL_CHECK_FAILED',
      'Request failed due to conditional check specified or optimistic locking',
    ),

  // Batches: measured for batch/set; the same wording is used for the other verbs.
  tooManyBatchEntities: (verb: string, count: number, max: number) =>
    error(
      400,
      'TOO_MANY_BATCH_ENTITIES',
      `Number of entities to ${verb} was ${count}, but you can only ${verb} a maximum of ${max} entities at a time.`,
    ),

  // Chosen: the 4 MB payload limit of batches and transactions is documented, its error is not.
  payloadTooLarge: (max: number) =>
    error(413, 'PAYLOAD_TOO_LARGE', `The request payload exceeds the maximum of ${max} bytes.`),
  // Chosen: transport-level answers of this emulator.
  unknownOperation: (path: string) => error(404, 'NOT_FOUND', `No KVS operation at ${path}`),
  methodNotAllowed: (method: string) =>
    error(405, 'METHOD_NOT_ALLOWED', `KVS operations take POST, not ${method}`),
  internal: (detail: string) =>
    error(500, 'INTERNAL_SERVER_ERROR', 'An internal server error has occurred', { detail }),
};
