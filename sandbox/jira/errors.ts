import type { EmulatorResponse } from './model';

/** Jira's error body: `{"errorMessages":[...],"errors":{...}}`. */
export interface JiraErrorBody {
  errorMessages: string[];
  errors: Record<string, string>;
}

/** Thrown anywhere in the emulator; the router turns it into a response with Jira's error body. */
export class JiraHttpError extends Error {
  readonly status: number;
  readonly body: JiraErrorBody;
  readonly headers: Record<string, string>;

  constructor(status: number, body: JiraErrorBody, headers: Record<string, string> = {}) {
    super(body.errorMessages[0] ?? Object.values(body.errors)[0] ?? `HTTP ${status}`);
    this.name = 'JiraHttpError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export function errorMessage(status: number, message: string): JiraHttpError {
  return new JiraHttpError(status, { errorMessages: [message], errors: {} });
}

export function fieldErrors(errors: Record<string, string>, status = 400): JiraHttpError {
  return new JiraHttpError(status, { errorMessages: [], errors });
}

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

export function issueNotFound(): JiraHttpError {
  return errorMessage(404, ISSUE_NOT_FOUND);
}

export function notAuthenticated(): JiraHttpError {
  return errorMessage(401, 'You are not authenticated. Authentication required to perform this operation.');
}

export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, headers, body: '' };
}

export function errorResponse(error: JiraHttpError): EmulatorResponse {
  return jsonResponse(error.status, error.body, error.headers);
}
