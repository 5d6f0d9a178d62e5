import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One span as an OTLP/JSON export carries it (the fields the tests read). */
export interface ExportedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly resource: Readonly<Record<string, unknown>>;
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: OtlpAttribute[];
}
interface OtlpExport {
  resourceSpans?: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

export interface FakeOtlpCollector {
  readonly endpoint: string;
  readonly spans: ExportedSpan[];
  /** Requests refused, with the status answered (what a real collector would refuse). */
  readonly refused: { status: number; reason: string }[];
  close(): Promise<void>;
}

function attributes(list: OtlpAttribute[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((a) => [a.key, a.value.stringValue ?? a.value.intValue ?? a.value.boolValue ?? a.value.doubleValue]));
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
}

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1 with the collector's rules: POST /v1/traces only (404
 * elsewhere, 405 for other methods), `application/json` bodies (415 for any other type; protobuf is
 * not decoded here), a well-formed ExportTraceServiceRequest with 16-byte trace ids and 8-byte span
 * ids in hex (400 otherwise), answered 200 with an empty ExportTraceServiceResponse.
 */
export async function startFakeOtlpCollector(): Promise<FakeOtlpCollector> {
  const spans: ExportedSpan[] = [];
  const refused: { status: number; reason: string }[] = [];
  const refuse = (response: ServerResponse, status: number, reason: string): void => {
    refused.push({ status, reason });
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: status, message: reason }));
  };
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if ((request.url ?? '').split('?')[0] !== '/v1/traces') return refuse(response, 404, `no route ${request.url ?? ''}`);
    if (request.method !== 'POST') return refuse(response, 405, `method ${request.method ?? ''} not allowed`);
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
    if (type !== 'application/json') return refuse(response, 415, `unsupported content type ${type ?? ''}`);
    let parsed: OtlpExport;
    try {
      parsed = JSON.parse((await body(request)).toString('utf8')) as OtlpExport;
    } catch {
      return refuse(response, 400, 'the body is not JSON');
    }
    if (!Array.isArray(parsed.resourceSpans)) return refuse(response, 400, 'no resourceSpans');
    const received: ExportedSpan[] = [];
    for (const resourceSpans of parsed.resourceSpans) {
      const resource = attributes(resourceSpans.resource?.attributes);
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          if (!/^[0-9a-f]{32}$/.test(span.traceId) || /^0+$/.test(span.traceId)) return refuse(response, 400, `invalid trace id ${span.traceId}`);
          if (!/^[0-9a-f]{16}$/.test(span.spanId) || /^0+$/.test(span.spanId)) return refuse(response, 400, `invalid span id ${span.spanId}`);
          if (typeof span.name !== 'string' || span.name === '') return refuse(response, 400, 'a span without a name');
          received.push({ traceId: span.traceId, spanId: span.spanId, ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}), name: span.name, attributes: attributes(span.attributes), resource });
        }
      }
    }
    spans.push(...received);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => refuse(response, 500, error instanceof Error ? error.message : String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    refused,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
