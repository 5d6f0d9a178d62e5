import type { OpenAPIObject } from '@nestjs/swagger';

/** The parts of an OpenAPI 3.0 schema the admin API's document uses. */
interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/**
 * What is wrong with an HTTP answer of the admin API, measured against the OpenAPI document it serves:
 * an undocumented status, a missing required field, a null where the schema has no `nullable`, a field
 * the schema does not name, a value outside an enum. Empty when the answer is what the document says.
 */
export function responseViolations(document: OpenAPIObject, method: string, url: string, status: number, body: unknown): string[] {
  const path = new URL(url, 'http://localhost').pathname;
  const template = Object.keys(document.paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
  const operation = template ? (document.paths[template] as Record<string, Operation | undefined>)[method.toLowerCase()] : undefined;
  if (!operation) return [`${method} ${path} is not in the document`];
  const response = operation.responses[String(status)];
  if (!response) return [`${method} ${template ?? path} does not document status ${status}`];
  const media = Object.values(response.content ?? {})[0];
  if (!media?.schema) return body === null ? [] : [`${method} ${template ?? path} ${status} documents no body, got ${JSON.stringify(body)}`];
  return violations(document, media.schema, body, 'body');
}

function resolve(document: OpenAPIObject, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components?.schemas?.[name] as Schema | undefined;
  if (!target) throw new Error(`the document has no schema ${schema.$ref}`);
  return resolve(document, target);
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

function violations(document: OpenAPIObject, given: Schema, value: unknown, at: string): string[] {
  const schema = resolve(document, given);
  if (value === null) return schema.nullable ? [] : [`${at} is null, but not nullable`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at} is ${JSON.stringify(value)}, not one of ${JSON.stringify(schema.enum)}`];
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((option) => violations(document, option, value, at).length === 0).length;
    if (matching !== 1) return [`${at} matches ${matching} of the ${schema.oneOf.length} schemas of its oneOf`];
  }
  const found = (schema.allOf ?? []).flatMap((part) => violations(document, part, value, at));
  if (schema.type === undefined) return found;
  const actual = typeOf(value);
  const typeMatches = schema.type === actual || (schema.type === 'number' && actual === 'integer') || (schema.type === 'object' && actual === 'object');
  if (!typeMatches) return [...found, `${at} is ${actual}, the schema says ${schema.type}`];
  if (schema.type === 'array' && schema.items) {
    const items = schema.items;
    return [...found, ...(value as unknown[]).flatMap((item, i) => violations(document, items, item, `${at}[${i}]`))];
  }
  if (schema.type !== 'object') return found;
  const record = value as Record<string, unknown>;
  const properties = schema.properties ?? {};
  for (const name of schema.required ?? []) if (!(name in record)) found.push(`${at}.${name} is required but missing`);
  for (const [name, item] of Object.entries(record)) {
    const property = properties[name];
    if (property) found.push(...violations(document, property, item, `${at}.${name}`));
    else if (typeof schema.additionalProperties === 'object') found.push(...violations(document, schema.additionalProperties, item, `${at}.${name}`));
    else if (schema.additionalProperties !== true && (schema.properties || schema.allOf === undefined)) found.push(`${at}.${name} is not in the schema`);
  }
  return found;
}
