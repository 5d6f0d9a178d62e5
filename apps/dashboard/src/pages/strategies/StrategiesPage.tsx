import { useState } from 'react';
import { api, ok } from '../../api/client';
import { toApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { useApiData } from '../../api/use-api-data';
import { saveBlob } from '../save-blob';
import { StrategyEditor } from './StrategyEditor';
import { StrategyList } from './StrategyList';
import './StrategiesPage.css';

type StrategySummary = components['schemas']['StrategySummaryResponse'];

const strategyEvents = ['StrategyDefined', 'StrategyRevised', 'StrategyRevisionDeferred', 'StrategyEnabled', 'StrategyDisabled'];

async function loadDefinition(strategyId: string): Promise<Record<string, unknown>> {
  return ok(api.GET('/api/v1/strategies/{strategyId}', { params: { path: { strategyId } } }));
}

/** Strategies as data: the list with enable/disable, and the definition editor with import and export. */
export function StrategiesPage() {
  const list = useApiData(() => ok(api.GET('/api/v1/strategies')), [], { refreshOn: strategyEvents });
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<string>();
  const [actionError, setActionError] = useState<string>();

  const act = async (strategyId: string, work: () => Promise<void>) => {
    setBusy(strategyId);
    setActionError(undefined);
    try {
      await work();
    } catch (failure) {
      setActionError(toApiError(failure).message);
    } finally {
      setBusy(undefined);
    }
  };

  const toggle = (strategy: StrategySummary) =>
    act(strategy.strategyId, async () => {
      const path = { params: { path: { strategyId: strategy.strategyId } } };
      await ok(strategy.enabled ? api.POST('/api/v1/strategies/{strategyId}/disable', path) : api.POST('/api/v1/strategies/{strategyId}/enable', path));
      list.reload();
    });
  const edit = (strategyId: string) => act(strategyId, async () => setText(`${JSON.stringify(await loadDefinition(strategyId), null, 2)}\n`));
  const exportDefinition = (strategyId: string) =>
    act(strategyId, async () => {
      const definition = await loadDefinition(strategyId);
      saveBlob(new Blob([`${JSON.stringify(definition, null, 2)}\n`], { type: 'application/json' }), `${strategyId}.strategy.json`);
    });

  return (
    <div>
      <section className="panel" aria-labelledby="strategies-title">
        <h2 id="strategies-title">Strategies</h2>
        {list.error && <p className="error" role="alert">{list.error.message}</p>}
        {actionError && <p className="error" role="alert">{actionError}</p>}
        {list.data ? (
          <StrategyList strategies={list.data} busy={busy} onToggle={(s) => void toggle(s)} onEdit={(id) => void edit(id)} onExport={(id) => void exportDefinition(id)} />
        ) : (
          !list.error && <p className="muted">Loading…</p>
        )}
      </section>
      <StrategyEditor text={text} onTextChange={setText} onSaved={() => list.reload()} />
    </div>
  );
}
