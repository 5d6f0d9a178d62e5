import { type ChangeEvent, useState } from 'react';
import { api, ApiError, ok } from '../../api/client';
import { toApiError } from '../../api/problem';
import { definitionProblems, type DefinitionProblem } from './definition-problems';
import { JsonEditor } from './JsonEditor';
import { type JsonParseError, parseJson } from './json-text';

type Definition = Record<string, unknown>;

interface StrategyEditorProps {
  readonly text: string;
  readonly onTextChange: (text: string) => void;
  /** Called after the server defined or revised a strategy. */
  readonly onSaved: (definition: Definition) => void;
}

type Outcome = { readonly kind: 'parse'; readonly error: JsonParseError } | { readonly kind: 'server'; readonly problems: DefinitionProblem[] } | { readonly kind: 'saved'; readonly message: string } | undefined;

/**
 * The definition editor: JSON checked in the browser first (the parse error's line and column), then
 * Define (POST) or Update (PUT, to the id the JSON names); the server's validation problems are listed
 * beside the editor with their field paths and the editor is marked invalid.
 */
export function StrategyEditor({ text, onTextChange, onSaved }: StrategyEditorProps) {
  const [outcome, setOutcome] = useState<Outcome>();
  const [saving, setSaving] = useState(false);

  const change = (next: string) => {
    onTextChange(next);
    if (outcome?.kind !== 'server') setOutcome(undefined);
  };

  const save = async (how: 'define' | 'update') => {
    const parsed = parseJson(text);
    if (!parsed.ok) return setOutcome({ kind: 'parse', error: parsed.error });
    const definition = parsed.value as Definition;
    const strategyId = typeof definition?.['id'] === 'string' ? definition['id'] : undefined;
    if (how === 'update' && !strategyId) return setOutcome({ kind: 'server', problems: [{ field: 'id', message: 'Update needs the id of the strategy to revise', line: undefined }] });
    setSaving(true);
    try {
      const saved =
        how === 'define'
          ? await ok(api.POST('/api/v1/strategies', { body: definition }))
          : await ok(api.PUT('/api/v1/strategies/{strategyId}', { params: { path: { strategyId: strategyId as string } }, body: definition }));
      setOutcome({ kind: 'saved', message: `${how === 'define' ? 'Defined' : 'Updated'} ${String(saved['id'])} version ${String(saved['version'])}` });
      onSaved(saved);
    } catch (failure) {
      const error = failure instanceof ApiError ? failure : toApiError(failure);
      setOutcome({ kind: 'server', problems: definitionProblems(error, text) });
    } finally {
      setSaving(false);
    }
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    change(await file.text());
    setOutcome(undefined);
  };

  const invalid = outcome?.kind === 'parse' || outcome?.kind === 'server';
  const markedLines = outcome?.kind === 'parse' ? [outcome.error.line] : outcome?.kind === 'server' ? outcome.problems.flatMap((p) => (p.line ? [p.line] : [])) : [];

  return (
    <section className="panel" aria-labelledby="strategy-editor-title">
      <h2 id="strategy-editor-title">Definition</h2>
      <label htmlFor="strategy-definition">Strategy definition (JSON)</label>
      <JsonEditor id="strategy-definition" value={text} onChange={change} invalid={invalid} markedLines={markedLines} describedBy={invalid ? 'strategy-definition-problems' : undefined} />
      <div id="strategy-definition-problems" role="alert">
        {outcome?.kind === 'parse' && (
          <p className="field-error">
            Not valid JSON at line {outcome.error.line}, column {outcome.error.column}: {outcome.error.message}
          </p>
        )}
        {outcome?.kind === 'server' && (
          <ul className="definition-problems field-error" aria-label="Definition problems">
            {outcome.problems.map((problem, index) => (
              <li key={index}>
                {problem.field && <code>{problem.field}</code>}
                {problem.field && ': '}
                {problem.message}
                {problem.line !== undefined && <span className="muted"> (line {problem.line})</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      {outcome?.kind === 'saved' && (
        <p className="muted" role="status">
          {outcome.message}
        </p>
      )}
      <div className="row strategy-editor-actions">
        <button type="button" className="primary" disabled={saving} onClick={() => void save('define')}>
          Define
        </button>
        <button type="button" disabled={saving} onClick={() => void save('update')}>
          Update
        </button>
        <label className="row">
          Import JSON file
          <input type="file" accept="application/json,.json" onChange={(event) => void importFile(event)} />
        </label>
      </div>
    </section>
  );
}
