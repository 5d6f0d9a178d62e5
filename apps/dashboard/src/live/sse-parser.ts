/** One server-sent event as the wire carries it (https://html.spec.whatwg.org/#event-stream-interpretation). */
export interface SseMessage {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

/**
 * Incremental text/event-stream parser: feed it decoded chunks as they arrive, in any split, and it
 * returns the messages completed so far. EventSource would do this for us, but it cannot send an
 * Authorization header, and the token must never travel in a URL.
 */
export class SseParser {
  private buffer = '';
  private id: string | undefined;
  private event = '';
  private data: string[] = [];

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const messages: SseMessage[] = [];
    let newline: number;
    while ((newline = this.nextLineEnd()) !== -1) {
      const line = this.buffer.slice(0, newline);
      const skip = this.buffer[newline] === '\r' && this.buffer[newline + 1] === '\n' ? 2 : 1;
      this.buffer = this.buffer.slice(newline + skip);
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  private nextLineEnd(): number {
    const lf = this.buffer.indexOf('\n');
    const cr = this.buffer.indexOf('\r');
    if (cr === -1) return lf;
    // A lone CR at the very end may be the first half of CRLF: wait for the next chunk.
    if (cr === this.buffer.length - 1) return lf === -1 ? -1 : Math.min(lf, cr);
    return lf === -1 ? cr : Math.min(lf, cr);
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    const data = this.data;
    const event = this.event;
    this.data = [];
    this.event = '';
    if (data.length === 0) return undefined;
    return { id: this.id, event: event || 'message', data: data.join('\n') };
  }
}
