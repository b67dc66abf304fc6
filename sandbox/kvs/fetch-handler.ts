import type { KvsEmulator } from './emulator';
import { kvsErrors } from './errors';

export interface KvsFetchInit {
  method?: string;
  body?: unknown;
  headers?: unknown;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

/**
 * Turns the emulator into what `__forge_fetch__({ type: 'kvs', ... }, path, init)` must resolve to: a fetch
 * Response with a JSON body (none for 204) and a trace id header, which the SDK copies into its errors.
 */
export function kvsFetchHandler(
  emulator: KvsEmulator,
): (path: string, init: KvsFetchInit) => Promise<Response> {
  let requestNumber = 0;
  return async (path, init) => {
    requestNumber += 1;
    const headers = { 'content-type': 'application/json', 'x-trace-id': `kvs-emulator-${requestNumber}` };
    const answer = (status: number, body: unknown) =>
      body === undefined
        ? new Response(null, { status, statusText: STATUS_TEXT[status] ?? '', headers })
        : new Response(JSON.stringify(body), { status, statusText: STATUS_TEXT[status] ?? '', headers });

    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'POST') {
      const error = kvsErrors.methodNotAllowed(method);
      return answer(error.status, error.toBody());
    }
    let body: unknown;
    try {
      body = typeof init.body === 'string' && init.body.length > 0 ? JSON.parse(init.body) : undefined;
    } catch {
      const error = kvsErrors.badRequest('the body is not valid JSON');
      return answer(error.status, error.toBody());
    }
    const response = await emulator.handle(path, body);
    return answer(response.status, response.body);
  };
}
