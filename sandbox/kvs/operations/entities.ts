import { resolveEntitySchema } from '../entity-schema';
import { kvsErrors } from '../errors';
import { assertValidKey } from '../keys';
import { parseMetadataFields, viewOf } from '../metadata';
import { optionalRecord, requireRecord } from '../request';
import { parseSetOptions } from '../set-options';
import { entityNamespace } from '../store';
import { assertValueFor, noContent, type Operation, ok } from './context';
import { applySet } from './write';

export const entityGet: Operation = (context, raw) => {
  const body = requireRecord(raw, 'body');
  const schema = resolveEntitySchema(context.schemas, body.entityName);
  assertValidKey(body.key, 'entity', context.limits);
  const fields = parseMetadataFields(
    optionalRecord(body.options, 'options')?.metadataFields,
    'metadataFields',
  );
  const record = context.store.read(entityNamespace(schema.name), body.key);
  if (record === undefined) throw kvsErrors.keyNotFound();
  return ok(viewOf(body.key, record, fields));
};

export const entitySet: Operation = (context, raw) => {
  const body = requireRecord(raw, 'body');
  const schema = resolveEntitySchema(context.schemas, body.entityName);
  assertValidKey(body.key, 'entity', context.limits);
  assertValueFor(context, schema, body.value);
  const options = parseSetOptions(body.options, 'single', context.limits);
  const returned = applySet(context, entityNamespace(schema.name), body.key, body.value, options);
  return returned === undefined ? noContent() : ok(returned);
};

export const entityDelete: Operation = (context, raw) => {
  const body = requireRecord(raw, 'body');
  const schema = resolveEntitySchema(context.schemas, body.entityName);
  assertValidKey(body.key, 'entity', context.limits);
  if (!context.store.remove(entityNamespace(schema.name), body.key)) throw kvsErrors.keyNotFound();
  return noContent();
};
