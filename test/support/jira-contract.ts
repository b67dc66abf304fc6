import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { isAppTraffic, type JiraEmulator, type JiraExchange } from '../../sandbox/jira';

// The app's Jira traffic checked against Atlassian's REST v3 OpenAPI description (the subset in
// test/fixtures/jira-openapi-subset.json, extracted by scripts/jira-openapi/extract.ts): every request the
// app sends and every response the emulator answers it, for the operations the app uses.

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema?: unknown;
}

interface Operation {
  operationId: string;
  parameters: Parameter[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

interface Fixture {
  source: string;
  version: string;
  operations: Record<string, Operation>;
  components: { schemas: Record<string, unknown> };
}

export interface ContractViolation {
  operation: string;
  where: 'operation' | 'query' | 'request body' | 'response';
  message: string;
}

/** Statuses any Jira operation may answer without the description listing them. */
const ANY_OPERATION = new Set([429, 500, 503]);

export const CONTRACT_FIXTURE = path.resolve(__dirname, '../fixtures/jira-openapi-subset.json');

/** Refs inside an operation point into the fixture's components, registered as schema 'jira'. */
function rebased(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebased);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' ? value.replace(/^#/, 'jira#') : rebased(value),
    ]),
  );
}

export class JiraContract {
  readonly fixture: Fixture;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(file = CONTRACT_FIXTURE) {
    this.fixture = JSON.parse(readFileSync(file, 'utf8')) as Fixture;
    // OpenAPI 3.0 schemas: `nullable` is understood; formats (int64, uri, date-time) are not checked.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    this.ajv.addSchema({ $id: 'jira', components: this.fixture.components }, 'jira');
  }

  get operations(): string[] {
    return Object.keys(this.fixture.operations);
  }

  /** Violations in one exchange; exchanges that are not the app's own traffic are not checked. */
  check(exchange: JiraExchange): ContractViolation[] {
    if (!isAppTraffic(exchange.principal)) return [];
    const name = exchange.operation ?? `${exchange.method} ${exchange.path}`;
    const operation = exchange.operation ? this.fixture.operations[exchange.operation] : undefined;
    if (!operation) {
      return [
        {
          operation: name,
          where: 'operation',
          message: `the app called ${name}, which is not among the operations of the contract fixture (run scripts/jira-openapi/extract.ts)`,
        },
      ];
    }
    return [
      ...this.checkQuery(name, operation, exchange.query),
      ...this.checkRequest(name, operation, exchange.requestBody),
      ...this.checkResponse(name, operation, exchange),
    ];
  }

  private checkQuery(name: string, operation: Operation, query: URLSearchParams): ContractViolation[] {
    const declared = new Map(operation.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
    const out: ContractViolation[] = [];
    for (const key of new Set(query.keys())) {
      const parameter = declared.get(key);
      if (!parameter) {
        out.push({
          operation: name,
          where: 'query',
          message: `query parameter '${key}' is not in the description`,
        });
        continue;
      }
      const values = query.getAll(key);
      const schema = parameter.schema as { type?: string; items?: { type?: string } } | undefined;
      const type = schema?.type === 'array' ? schema.items?.type : schema?.type;
      for (const value of schema?.type === 'array' ? values : values.slice(0, 1)) {
        if (!fitsScalar(type, value)) {
          out.push({
            operation: name,
            where: 'query',
            message: `query parameter '${key}' = '${value}' is not a ${type}`,
          });
        }
      }
    }
    for (const parameter of declared.values()) {
      if (parameter.required && !query.has(parameter.name)) {
        out.push({
          operation: name,
          where: 'query',
          message: `required query parameter '${parameter.name}' is missing`,
        });
      }
    }
    return out;
  }

  private checkRequest(name: string, operation: Operation, body: string | undefined): ContractViolation[] {
    if (operation.requestBody === undefined) {
      return body && body.trim() !== ''
        ? [
            {
              operation: name,
              where: 'request body',
              message: 'a body was sent to an operation that takes none',
            },
          ]
        : [];
    }
    if (body === undefined || body.trim() === '') {
      return [
        { operation: name, where: 'request body', message: 'the operation needs a JSON body; none was sent' },
      ];
    }
    return this.validate(name, 'request body', `${name} request`, operation.requestBody, body);
  }

  private checkResponse(name: string, operation: Operation, exchange: JiraExchange): ContractViolation[] {
    const { status, body, headers } = exchange.response;
    const key = String(status);
    if (!(key in operation.responses) && !('default' in operation.responses)) {
      if (ANY_OPERATION.has(status)) return [];
      return [
        {
          operation: name,
          where: 'response',
          message: `status ${status} is not among the documented responses`,
        },
      ];
    }
    const schema = operation.responses[key] ?? operation.responses.default ?? null;
    // No schema, or the empty schema `{}` (anything): nothing to check.
    if (schema === null || (typeof schema === 'object' && Object.keys(schema).length === 0)) return [];
    if (!headers['content-type']?.includes('json')) {
      return [{ operation: name, where: 'response', message: `status ${status} should carry a JSON body` }];
    }
    return this.validate(name, 'response', `${name} ${status}`, schema, body);
  }

  private validate(
    name: string,
    where: ContractViolation['where'],
    cacheKey: string,
    schema: unknown,
    body: string,
  ): ContractViolation[] {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [{ operation: name, where, message: 'the body is not JSON' }];
    }
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(rebased(schema) as object);
      this.compiled.set(cacheKey, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({
      operation: name,
      where,
      message: `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}${
        error.params && 'additionalProperty' in error.params
          ? `: ${String(error.params.additionalProperty)}`
          : ''
      }`,
    }));
  }
}

function fitsScalar(type: string | undefined, value: string): boolean {
  if (type === 'integer') return /^-?\d+$/.test(value);
  if (type === 'number') return value.trim() !== '' && Number.isFinite(Number(value));
  if (type === 'boolean') return value === 'true' || value === 'false';
  return true;
}

let shared: JiraContract | undefined;
const violations: ContractViolation[] = [];
const exercised = new Set<string>();

/** Checks every exchange of this emulator against the contract, for `takeContractViolations` to report. */
export function watchContract(jira: JiraEmulator): void {
  shared ??= new JiraContract();
  const contract = shared;
  jira.onExchange((exchange) => {
    if (!isAppTraffic(exchange.principal)) return;
    if (exchange.operation) exercised.add(exchange.operation);
    violations.push(...contract.check(exchange));
  });
}

/** The violations seen since the last call (each test file's hook checks they are none). */
export function takeContractViolations(): ContractViolation[] {
  return violations.splice(0);
}

/** Operations the app's traffic has used so far in this process. */
export function exercisedOperations(): ReadonlySet<string> {
  return exercised;
}
