import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { surfaces } from '../../src/contract/surface';
import { TransferDocumentSchema } from '../../src/contract/transfer';

/** Paths of every object schema inside `schema` that would let unknown fields through (silently dropped). */
function lenientObjects(schema: z.core.$ZodType, path: string, seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string, at = path) => lenientObjects(def[key] as z.core.$ZodType, at, seen);
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall as z.core.$ZodType | undefined;
      const here = catchall?._zod.def.type === 'never' ? [] : [path || '(payload)'];
      const shape = def.shape as Record<string, z.core.$ZodType>;
      return [
        ...here,
        ...Object.entries(shape).flatMap(([key, value]) =>
          lenientObjects(value, path ? `${path}.${key}` : key, seen),
        ),
      ];
    }
    case 'array':
      return inner('element', `${path}[]`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return inner('innerType');
    case 'pipe':
      return [...inner('in'), ...inner('out')];
    case 'union':
      return (def.options as z.core.$ZodType[]).flatMap((o) => lenientObjects(o, path, seen));
    case 'intersection':
      return [...inner('left'), ...inner('right')];
    case 'record':
      return inner('valueType', `${path}{}`);
    default:
      return [];
  }
}

describe('the contract refuses unknown fields at every depth', () => {
  it('has no lenient object anywhere in a resolver input', () => {
    const lenient = Object.values(surfaces).flatMap((contract) =>
      Object.entries(contract).flatMap(([key, op]) =>
        lenientObjects(op.input, '').map((path) => `${key}: ${path}`),
      ),
    );
    expect(lenient).toEqual([]);
  });

  it('has no lenient object in an import file', () => {
    expect(lenientObjects(TransferDocumentSchema, 'document')).toEqual([]);
  });

  it('would notice a lenient one (the check can fail)', async () => {
    const { z } = await import('zod');
    expect(lenientObjects(z.object({ a: z.strictObject({ b: z.object({}) }) }).strict(), '')).toEqual([
      'a.b',
    ]);
  });
});
