import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

/** Where the dashboard keeps its generated API files, from the repository root. */
export const apiClientDir = 'apps/dashboard/src/api';

/** A generated file: its name in the API client's folder and its whole text. */
export interface ApiClientFile {
  readonly name: 'openapi.json' | 'schema.d.ts';
  readonly text: string;
}

/** Object keys in code-point order at every depth (arrays keep theirs), so the file changes only when the API does. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, sortedKeys(item)]));
}

/**
 * The dashboard's two API files from the server's OpenAPI document: the document itself (pretty, keys
 * sorted, ending in a newline) and the TypeScript types openapi-typescript derives from exactly that text.
 */
export async function apiClientFiles(document: OpenAPIObject): Promise<ApiClientFile[]> {
  const json = `${JSON.stringify(sortedKeys(document), null, 2)}\n`;
  // openapi-typescript resolves references inside the object it gets: give it its own copy of the file's text.
  // A field with a default stays optional in what the client sends (openapi-typescript 7 makes it required).
  const ast = await openapiTS(JSON.parse(json) as Parameters<typeof openapiTS>[0], { silent: true, defaultNonNullable: false });
  return [
    { name: 'openapi.json', text: json },
    { name: 'schema.d.ts', text: `${COMMENT_HEADER}${astToString(ast)}` },
  ];
}
