import { makeReplyStream } from './reply-stream';

describe('makeReplyStream', () => {
  it('opens once, before the first delta, and skips empty deltas', () => {
    const events: string[] = [];
    const stream = makeReplyStream('r1', { onStart: (id) => events.push(`start ${id}`), onChunk: (id, delta) => events.push(`${id}: ${delta}`) });
    stream.open();
    stream.emit('');
    expect(stream.hasText()).toBe(false);
    stream.emit('Hello');
    stream.open();
    stream.emit(' world');
    expect(events).toEqual(['start r1', 'r1: Hello', 'r1:  world']);
    expect(stream.hasText()).toBe(true);
  });

  it('without hooks still knows whether text would have gone out', () => {
    const stream = makeReplyStream('r2', undefined);
    stream.emit('x');
    expect(stream.hasText()).toBe(true);
  });
});
