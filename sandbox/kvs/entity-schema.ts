import type { EntityIndex } from './entity-index';
import { BUILT_IN_KEY_INDEX } from './entity-index';
import { kvsErrors } from './errors';
import { SCHEMA_LIMITS } from './limits';
import { isRecord } from './values';

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

export type IndexDeclaration = string | { name: string; partition?: string[]; range: string[] };

/** One entry of manifest.yml `app.storage.entities`. */
export interface EntityDeclaration {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  /** Optional in the manifest schema; an entity without indexes can still use the built-in `by-key` index. */
  indexes?: IndexDeclaration[];
}

export interface EntitySchema {
  name: string;
  attributes: ReadonlyMap<string, AttributeType>;
  indexes: ReadonlyMap<string, EntityIndex>;
}

const ATTRIBUTE_TYPES: readonly string[] = ['string', 'integer', 'float', 'boolean', 'any'];
// Patterns of @forge/manifest's schema for entity and attribute names.
const DECLARED_ENTITY_NAME = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;
const ATTRIBUTE_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;
// The pattern the service reports for a malformed entity name (handling-errors-customentities).
const REQUEST_ENTITY_NAME = /^(?![.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;
const REQUEST_ENTITY_NAME_TEXT = '/^(?![\\.\\-])(?!.*\\.{2})[a-z0-9:\\-.]*(?<![.])$/';

/**
 * Compiles and checks the declarations the way `forge deploy` would, so a manifest the platform refuses is refused
 * here too instead of behaving differently.
 */
export function compileEntitySchemas(declarations: readonly EntityDeclaration[]): Map<string, EntitySchema> {
  const schemas = new Map<string, EntitySchema>();
  for (const declaration of declarations) {
    const schema = compileEntitySchema(declaration);
    if (schemas.has(schema.name)) throw new Error(`Entity "${schema.name}" is declared twice`);
    schemas.set(schema.name, schema);
  }
  return schemas;
}

function compileEntitySchema(declaration: EntityDeclaration): EntitySchema {
  const { name } = declaration;
  const fail = (reason: string): never => {
    throw new Error(`Entity "${name}": ${reason}`);
  };
  if (
    typeof name !== 'string' ||
    name.length < SCHEMA_LIMITS.entityNameMinLength ||
    name.length > SCHEMA_LIMITS.entityNameMaxLength ||
    !DECLARED_ENTITY_NAME.test(name)
  ) {
    fail('the name must be 3 to 60 characters of a-z 0-9 : - _ . (not starting with _ . - or ending with .)');
  }
  if (!isRecord(declaration.attributes)) fail('attributes must be a map');
  const attributes = new Map<string, AttributeType>();
  for (const [attribute, spec] of Object.entries(declaration.attributes)) {
    if (!ATTRIBUTE_NAME.test(attribute)) fail(`attribute name "${attribute}" must match ${ATTRIBUTE_NAME}`);
    if (attribute.length > SCHEMA_LIMITS.attributeNameMaxLength) {
      fail(`attribute name "${attribute}" exceeds ${SCHEMA_LIMITS.attributeNameMaxLength} characters`);
    }
    const type: unknown = isRecord(spec) ? spec.type : undefined;
    if (typeof type !== 'string' || !ATTRIBUTE_TYPES.includes(type)) {
      fail(`attribute "${attribute}" needs a type among ${ATTRIBUTE_TYPES.join(', ')}`);
    }
    attributes.set(attribute, type as AttributeType);
  }
  if (attributes.size === 0) fail('must contain at least one attribute');
  if (attributes.size > SCHEMA_LIMITS.attributesPerEntity) {
    fail(`more than ${SCHEMA_LIMITS.attributesPerEntity} attributes`);
  }

  const declaredIndexes = declaration.indexes ?? [];
  if (!Array.isArray(declaredIndexes)) fail('indexes must be a list');
  if (declaredIndexes.length > SCHEMA_LIMITS.indexesPerEntity)
    fail(`more than ${SCHEMA_LIMITS.indexesPerEntity} indexes`);
  const indexes = new Map<string, EntityIndex>([[BUILT_IN_KEY_INDEX.name, BUILT_IN_KEY_INDEX]]);
  const known = (attribute: unknown, role: string): string => {
    if (typeof attribute !== 'string' || !attributes.has(attribute)) {
      return fail(`index ${role} "${String(attribute)}" must refer to a declared attribute`);
    }
    return attribute;
  };
  for (const declared of declaredIndexes) {
    let index: EntityIndex;
    if (typeof declared === 'string') {
      index = { name: declared, partition: [], rangeAttribute: known(declared, 'range') };
    } else if (isRecord(declared) && typeof declared.name === 'string' && Array.isArray(declared.range)) {
      // "This parameter can only have one attribute." (custom-entities, index range)
      if (declared.range.length !== 1) fail(`index "${declared.name}" range must name exactly one attribute`);
      const partition = declared.partition ?? [];
      if (!Array.isArray(partition)) fail(`index "${declared.name}" partition must be a list`);
      index = {
        name: declared.name,
        partition: partition.map((attribute) => known(attribute, 'partition')),
        rangeAttribute: known(declared.range[0], 'range'),
      };
    } else {
      return fail('each index is an attribute name or { name, range, partition? }');
    }
    // `by-key` is reserved by the platform for its own key index.
    if (index.name === BUILT_IN_KEY_INDEX.name) fail(`cannot use reserved index name "${index.name}"`);
    if (indexes.has(index.name)) fail(`index "${index.name}" is declared twice`);
    indexes.set(index.name, index);
  }
  return { name, attributes, indexes };
}

/** Request-time lookup of an entity name, with the service's codes for malformed and undeclared names. */
export function resolveEntitySchema(
  schemas: ReadonlyMap<string, EntitySchema>,
  entityName: unknown,
): EntitySchema {
  if (typeof entityName !== 'string') throw kvsErrors.badRequest('entityName must be a string');
  const schema = schemas.get(entityName);
  if (schema !== undefined) return schema;
  if (entityName.length < SCHEMA_LIMITS.entityNameMinLength) throw kvsErrors.entityTypeTooShort();
  if (entityName.length > SCHEMA_LIMITS.entityNameMaxLength) throw kvsErrors.entityTypeTooLarge();
  if (!REQUEST_ENTITY_NAME.test(entityName)) throw kvsErrors.invalidEntityType(REQUEST_ENTITY_NAME_TEXT);
  throw kvsErrors.schemaNotFound();
}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
// "0, or within the range limits (both inclusive) ... 38 digits of precision": the magnitudes of a 38-digit decimal
// number type (the page's exact bounds were not retrievable; these are that type's, chosen).
const FLOAT_MIN_MAGNITUDE = 1e-130;
// The upper bound is 9.99...9e125 (38 nines), which a double cannot hold; every double below 1e126 is within it.
const FLOAT_MAX_EXCLUSIVE = 1e126;

const TYPE_CHECKS: Record<AttributeType, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  integer: (value) =>
    Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX,
  float: (value) =>
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (value === 0 || (Math.abs(value) >= FLOAT_MIN_MAGNITUDE && Math.abs(value) < FLOAT_MAX_EXCLUSIVE)),
  boolean: (value) => typeof value === 'boolean',
  any: () => true,
};

/**
 * "The Custom Entity Store strictly enforces attribute types." An attribute the manifest does not declare is refused
 * as well (chosen: the service's answer to one is not documented, and accepting it would let data through locally
 * that cannot be indexed or filtered as the app expects). A typed attribute set to null is a type error (chosen).
 */
export function assertEntityValue(
  schema: EntitySchema,
  value: unknown,
): asserts value is Record<string, unknown> {
  if (!isRecord(value)) throw kvsErrors.invalidEntityValue();
  for (const [attribute, attributeValue] of Object.entries(value)) {
    if (attributeValue === undefined) continue;
    const type = schema.attributes.get(attribute);
    if (type === undefined) {
      throw kvsErrors.invalidEntityValue(
        `Attribute "${attribute}" is not defined for entity "${schema.name}"`,
      );
    }
    if (!TYPE_CHECKS[type](attributeValue)) throw kvsErrors.incorrectPropertyType(attribute, type);
  }
}
