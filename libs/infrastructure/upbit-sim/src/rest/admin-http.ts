import { IncomingMessage, ServerResponse } from 'node:http';
import { FaultRuleError, MyOrderFaultRule, RestFaultRule } from '../faults/fault-injector';
import { SimulatorAdmin } from '../faults/simulator-admin';

function reply(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FaultRuleError('body must be a JSON object', text);
  return value as Record<string, unknown>;
}

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value === null || value === '' ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * The admin endpoint (not part of Upbit's API): `GET /admin/faults`, `POST /admin/faults/rest`
 * (a {@link RestFaultRule}), `DELETE /admin/faults`, `POST /admin/faults/ws/drop`,
 * `POST /admin/faults/ws/stall` (`{"ms":5000}`), `POST /admin/faults/ws/my-order` (a {@link MyOrderFaultRule}),
 * `POST /admin/faults/ban` (`{"ms":10000}`), `GET /admin/requests` (`?method=&path=`),
 * `GET /admin/requests/order-posts`, `GET /admin/requests/orders-sent-twice`, `GET /admin/requests/counts`,
 * `DELETE /admin/requests` and `POST /admin/tick`.
 */
export async function handleAdmin(admin: SimulatorAdmin, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path}`;
  try {
    switch (route) {
      case 'GET /admin/faults':
        return reply(res, 200, { ...admin.describeFaults(), webSocketConnections: admin.webSocketConnections() });
      case 'POST /admin/faults/rest': {
        const id = admin.injectRestFault((await readJson(req)) as unknown as RestFaultRule);
        return reply(res, 201, { id });
      }
      case 'DELETE /admin/faults':
        admin.clearFaults();
        return reply(res, 200, { cleared: true });
      case 'POST /admin/faults/ws/drop':
        return reply(res, 200, { dropped: admin.dropWebSockets() });
      case 'POST /admin/faults/ws/stall': {
        const ms = Number((await readJson(req))['ms']);
        if (!(Number.isFinite(ms) && ms >= 0)) throw new FaultRuleError('ms must be a number >= 0', ms);
        return reply(res, 200, { stalledUntil: admin.stallStream(ms) });
      }
      case 'POST /admin/faults/ws/my-order': {
        const id = admin.injectMyOrderFault((await readJson(req)) as unknown as MyOrderFaultRule);
        return reply(res, 201, { id });
      }
      case 'POST /admin/faults/ban': {
        const ms = Number((await readJson(req))['ms']);
        if (!(Number.isFinite(ms) && ms >= 0)) throw new FaultRuleError('ms must be a number >= 0', ms);
        return reply(res, 200, { bannedUntil: admin.ban(ms) });
      }
      case 'GET /admin/requests':
        return reply(res, 200, admin.requests({ ...optional('method', query.get('method')), ...optional('path', query.get('path')) }));
      case 'GET /admin/requests/counts':
        return reply(res, 200, admin.requestCounts());
      case 'GET /admin/requests/order-posts':
        return reply(res, 200, admin.orderPostCounts());
      case 'GET /admin/requests/orders-sent-twice':
        return reply(res, 200, admin.ordersSentTwice());
      case 'DELETE /admin/requests':
        admin.clearRequests();
        return reply(res, 200, { cleared: true });
      case 'POST /admin/tick':
        admin.tick();
        return reply(res, 200, { ticked: true });
      default:
        return reply(res, 404, { error: { name: 'not_found', message: `no admin route ${route}` } });
    }
  } catch (error) {
    if (error instanceof FaultRuleError || error instanceof SyntaxError) {
      return reply(res, 400, { error: { name: 'invalid_fault', message: error.message } });
    }
    throw error;
  }
}
