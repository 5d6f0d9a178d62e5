import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('parses id, event and multi-line data, dispatching on the blank line', () => {
    const parser = new SseParser();
    expect(parser.push('id: 7\nevent: OrderPlaced\ndata: {"a":\ndata: 1}\n\n')).toEqual([{ id: '7', event: 'OrderPlaced', data: '{"a":\n1}' }]);
  });

  it('joins messages split across chunks at any byte, CRLF included', () => {
    const wire = 'id: 1\r\nevent: A\r\ndata: x\r\n\r\n: keep-alive\r\nid: 2\r\ndata: y\r\n\r\n';
    for (let cut = 1; cut < wire.length; cut += 1) {
      const parser = new SseParser();
      const messages = [...parser.push(wire.slice(0, cut)), ...parser.push(wire.slice(cut))];
      expect(messages).toEqual([
        { id: '1', event: 'A', data: 'x' },
        { id: '2', event: 'message', data: 'y' },
      ]);
    }
  });

  it('ignores comments and blocks without data, and keeps the last id', () => {
    const parser = new SseParser();
    expect(parser.push(': hello\n\nid: 3\n\ndata: z\n\n')).toEqual([{ id: '3', event: 'message', data: 'z' }]);
  });
});
