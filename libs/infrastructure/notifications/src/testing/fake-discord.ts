import { FakeHttpServer, json } from './fake-http-server';

/**
 * A Discord webhook as Discord enforces it: POST /api/webhooks/<id>/<token> with JSON; a wrong id or
 * token is 401/404 ("Unknown Webhook", code 10015), `content` empty or over 2000 characters 400 (code
 * 50006 / 50035), more than `limit` messages per `windowMs` 429 with `retry_after` (seconds,
 * fractional) in the body and `Retry-After` in the headers; a sent message is 204.
 */
export class FakeDiscord {
  readonly server: FakeHttpServer;
  readonly delivered: { content: string; at: number }[] = [];
  private sent: number[] = [];
  private blockedUntil = 0;

  constructor(
    readonly id: string,
    readonly token: string,
    private readonly limit = Infinity,
    private readonly windowMs = 2_000,
    private readonly retryAfterSeconds = 0.4,
  ) {
    this.server = new FakeHttpServer((request, res) => {
      if (request.method !== 'POST' || request.path !== `/api/webhooks/${this.id}/${this.token}`) {
        json(res, 404, { message: 'Unknown Webhook', code: 10015 });
        return;
      }
      let payload: { content?: unknown };
      try {
        payload = JSON.parse(request.body) as { content?: unknown };
      } catch {
        json(res, 400, { message: 'The request body contains invalid JSON.', code: 50109 });
        return;
      }
      if (typeof payload.content !== 'string' || payload.content.length === 0) {
        json(res, 400, { message: 'Cannot send an empty message', code: 50006 });
        return;
      }
      if (payload.content.length > 2000) {
        json(res, 400, { message: 'Invalid Form Body', code: 50035 });
        return;
      }
      const now = Date.now();
      this.sent = this.sent.filter((at) => at > now - this.windowMs);
      if (now < this.blockedUntil || this.sent.length >= this.limit) {
        if (now >= this.blockedUntil) this.blockedUntil = now + this.retryAfterSeconds * 1000;
        const left = (this.blockedUntil - now) / 1000;
        json(res, 429, { message: 'You are being rate limited.', retry_after: left, global: false }, { 'retry-after': String(Math.ceil(left)) });
        return;
      }
      this.sent.push(now);
      this.delivered.push({ content: payload.content, at: now });
      res.writeHead(204).end();
    });
  }
}
