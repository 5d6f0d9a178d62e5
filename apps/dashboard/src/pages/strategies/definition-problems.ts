import type { ApiError } from '../../api/client';

/** One problem the server found in a definition, and the editor line it points at (when found). */
export interface DefinitionProblem {
  readonly field: string;
  readonly message: string;
  readonly line: number | undefined;
}

/**
 * The server's refusal of a definition as problems to show beside the editor: each `errors[]` entry
 * with its field path, and the line of the definition's top-level key that path starts with. A
 * refusal without field errors (a version conflict, an id taken) is one problem on the whole
 * definition.
 */
export function definitionProblems(error: ApiError, text: string): DefinitionProblem[] {
  const errors = error.problem.errors ?? [];
  if (errors.length === 0) return [{ field: '', message: error.problem.detail, line: undefined }];
  return errors.map(({ field, message }) => ({ field, message, line: lineOfField(text, field) }));
}

/** The line of the first `"key":` a path such as `triggers[0].condition` starts with, 1-based. */
export function lineOfField(text: string, field: string): number | undefined {
  const key = /^[^.[]+/.exec(field)?.[0];
  if (!key || key === '$') return undefined;
  const at = text.search(new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`));
  return at === -1 ? undefined : text.slice(0, at).split('\n').length;
}
