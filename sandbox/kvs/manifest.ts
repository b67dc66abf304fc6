import { parse } from 'yaml';
import type { EntityDeclaration, IndexDeclaration } from './entity-schema';
import { isRecord } from './values';

/**
 * Reads `app.storage.entities` from manifest.yml text. Only the shape is checked here; the emulator's constructor
 * applies Forge's naming and size rules. A manifest without storage entities yields an empty list.
 */
export function loadEntityDeclarations(manifestYamlText: string): EntityDeclaration[] {
  const manifest: unknown = parse(manifestYamlText);
  const app = isRecord(manifest) ? manifest.app : undefined;
  const storage = isRecord(app) ? app.storage : undefined;
  const entities = isRecord(storage) ? storage.entities : undefined;
  if (entities === undefined || entities === null) return [];
  if (!Array.isArray(entities)) throw new Error('manifest app.storage.entities must be a list');
  return entities.map((entity, i) => toDeclaration(entity, `app.storage.entities[${i}]`));
}

function toDeclaration(raw: unknown, where: string): EntityDeclaration {
  if (!isRecord(raw) || typeof raw.name !== 'string') throw new Error(`${where} needs a name`);
  if (!isRecord(raw.attributes)) throw new Error(`${where} (${raw.name}) needs an attributes map`);
  const attributes: EntityDeclaration['attributes'] = {};
  for (const [attribute, spec] of Object.entries(raw.attributes)) {
    const type = isRecord(spec) ? spec.type : undefined;
    if (type !== 'string' && type !== 'integer' && type !== 'float' && type !== 'boolean' && type !== 'any') {
      throw new Error(
        `${where}.attributes.${attribute} needs a type of string, integer, float, boolean or any`,
      );
    }
    attributes[attribute] = { type };
  }
  const declaration: EntityDeclaration = { name: raw.name, attributes };
  if (raw.indexes !== undefined && raw.indexes !== null) {
    if (!Array.isArray(raw.indexes)) throw new Error(`${where}.indexes must be a list`);
    declaration.indexes = raw.indexes.map((index, i) => toIndex(index, `${where}.indexes[${i}]`));
  }
  return declaration;
}

function toIndex(raw: unknown, where: string): IndexDeclaration {
  if (typeof raw === 'string') return raw;
  const strings = (value: unknown): value is string[] =>
    Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (!isRecord(raw) || typeof raw.name !== 'string' || !strings(raw.range)) {
    throw new Error(`${where} must be an attribute name or { name, range, partition? }`);
  }
  if (raw.partition === undefined) return { name: raw.name, range: raw.range };
  if (!strings(raw.partition)) throw new Error(`${where}.partition must be a list of attribute names`);
  return { name: raw.name, partition: raw.partition, range: raw.range };
}
