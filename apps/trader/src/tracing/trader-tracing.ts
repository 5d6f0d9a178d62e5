import { context, createContextKey, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Context, Span, SpanContext, Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_SERVICE_NAME, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import type { StoredEvent } from '@trader/application';
import type { ObservedAppend } from '@trader/events';
import type { RestCallObserver } from '@trader/upbit';
import { performance } from 'node:perf_hooks';
import { TracingSettings } from '../config/trader-config';

/** The span attribute that ties a trace to our own correlation id (GET /api/v1/events?correlationId=…). */
export const correlationAttribute = 'trader.correlation_id';

const correlationKey = createContextKey('trader.correlation_id');
/** How many correlation ids' root spans are remembered, so later work on them joins their trace. */
const rememberedTraces = 10_000;

/**
 * Our OpenTelemetry tracing, on only when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (else the app holds no
 * instance and nothing is wrapped: zero cost). One trace follows an order from the strategy decision
 * (or the admin request) through the command, the events it appends, their handling in the lanes and
 * the REST call to Upbit, keyed by our correlation id: work that runs later in another async context
 * (a lane handler, the execution saga's worker) finds the trace of its correlation id and joins it.
 */
export class TraderTracing {
  private readonly tracer: Tracer;
  private readonly roots = new Map<string, SpanContext>();

  constructor(
    private readonly provider: NodeTracerProvider,
    serviceName: string,
  ) {
    this.tracer = provider.getTracer(serviceName);
  }

  /** Exports over OTLP/HTTP (JSON) to `<endpoint>/v1/traces`, in batches. */
  static otlp(settings: TracingSettings): TraderTracing {
    const exporter = new OTLPTraceExporter({ url: `${settings.endpoint}/v1/traces` });
    return TraderTracing.with(new BatchSpanProcessor(exporter), settings.serviceName);
  }

  /** Exports each span as it ends (tests: an in-memory exporter). */
  static exportingTo(exporter: SpanExporter, serviceName = 'upbit-trader'): TraderTracing {
    return TraderTracing.with(new SimpleSpanProcessor(exporter), serviceName);
  }

  private static with(processor: BatchSpanProcessor | SimpleSpanProcessor, serviceName: string): TraderTracing {
    const provider = new NodeTracerProvider({ resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }), spanProcessors: [processor] });
    // The AsyncLocalStorage context manager (process-wide), so a span stays active across awaits. No
    // propagator: nothing we send carries trace headers (Upbit would not want them).
    provider.register({ propagator: null });
    return new TraderTracing(provider, serviceName);
  }

  /** A strategy's decision to place an order on `market`: the root of its trace. */
  decision<T>(correlationId: string, market: string, run: () => Promise<T>): Promise<T> {
    return this.active('strategy.decision', correlationId, { 'trader.market': market }, run);
  }

  /** One command on the command bus (PlaceOrder, CancelOrder, ...), load-decide-save included. */
  command<T>(name: string, correlationId: string | undefined, run: () => Promise<T>): Promise<T> {
    return this.active(`command ${name}`, correlationId, { 'trader.command': name }, run);
  }

  /** A lane handler's work on a stored event, in the trace of the event's correlation id. */
  eventHandling<T>(handler: string, event: StoredEvent, run: () => Promise<T>): Promise<T> {
    return this.active(`handle ${event.type}`, event.metadata.correlationId, { 'trader.handler': handler, 'trader.event_type': event.type, 'trader.event_position': event.position }, run);
  }

  /** An append as the event store observed it, drawn afterwards with its real start and end. */
  append(observed: ObservedAppend): void {
    const correlationId = observed.correlationId ?? this.activeCorrelation();
    const parent = this.parentContext(correlationId);
    const origin = performance.timeOrigin;
    const span = this.tracer.startSpan(
      'event_store.append',
      { startTime: origin + observed.startedAt, attributes: { 'trader.events': observed.events, 'trader.streams': observed.streamIds.length, ...(correlationId ? { [correlationAttribute]: correlationId } : {}) } },
      parent,
    );
    if (observed.failure !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: observed.failure });
    // The first thing stored under a correlation id outside any span (a strategy's recorded decision)
    // begins its trace: the decision's order, placed next, joins it.
    if (correlationId && !trace.getSpan(parent)) this.remember(correlationId, span.spanContext());
    span.end(origin + observed.startedAt + observed.durationMs);
  }

  /** Spans around the Upbit REST calls: method, path template, rate-limit group and status only. */
  readonly restObserver: RestCallObserver = (call) => {
    const correlationId = this.activeCorrelation();
    const span = this.tracer.startSpan(
      `upbit ${call.method} ${call.path}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { [ATTR_HTTP_REQUEST_METHOD]: call.method, [ATTR_URL_PATH]: call.path, 'trader.upbit.route_group': call.group, ...(correlationId ? { [correlationAttribute]: correlationId } : {}) },
      },
      context.active(),
    );
    return (outcome) => {
      if ('status' in outcome) {
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, outcome.status);
        if (outcome.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${outcome.status}` });
      } else {
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.failure });
      }
      span.end();
    };
  };

  /** Exports what is buffered and stops (the kernel's shutdown). */
  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }

  private active<T>(name: string, correlationId: string | undefined, attributes: Record<string, string | number>, run: () => Promise<T>): Promise<T> {
    const parent = this.parentContext(correlationId);
    const withCorrelation = correlationId ? parent.setValue(correlationKey, correlationId) : parent;
    return this.tracer.startActiveSpan(name, { attributes: { ...attributes, ...(correlationId ? { [correlationAttribute]: correlationId } : {}) } }, withCorrelation, async (span: Span) => {
      if (correlationId && !this.roots.has(correlationId)) this.remember(correlationId, span.spanContext());
      try {
        return await run();
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  /** The active span when there is one; else the root of the correlation id's trace; else none (a new trace). */
  private parentContext(correlationId: string | undefined): Context {
    const active = context.active();
    if (trace.getSpan(active)) return active;
    const root = correlationId ? this.roots.get(correlationId) : undefined;
    return root ? trace.setSpanContext(active, root) : active;
  }

  private activeCorrelation(): string | undefined {
    const value = context.active().getValue(correlationKey);
    return typeof value === 'string' ? value : undefined;
  }

  private remember(correlationId: string, root: SpanContext): void {
    this.roots.set(correlationId, root);
    if (this.roots.size > rememberedTraces) {
      const oldest = this.roots.keys().next().value;
      if (oldest !== undefined) this.roots.delete(oldest);
    }
  }
}
