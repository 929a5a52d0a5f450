// One live-debugger socket in front of a socket double whose buffer the test fills and drains:
// filters, the status filter's hold-then-release, masking by role, counted drops shown once the
// socket drains, and the cut-off of a socket that does not keep up.
import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../../core/trace/step.js';
import { CLOSE, LiveSession, type LiveFilters, type LiveSocket } from './session.js';

function socketDouble() {
  const sent: Record<string, unknown>[] = [];
  const state = { buffered: 0, closed: undefined as { code: number; reason: string } | undefined };
  const socket: LiveSocket = {
    send: (text) => {
      sent.push(JSON.parse(text) as Record<string, unknown>);
    },
    get bufferedAmount() {
      return state.buffered;
    },
    close: (code, reason) => {
      state.closed = { code, reason };
    },
  };
  return { socket, sent, state };
}

const step = (over: Partial<TraceStep> = {}): TraceStep => ({
  v: 1,
  at: 1,
  pipeline_id: 'pip_1',
  event_id: 'e1',
  event: 'Purchase',
  user_id: 'user-1',
  anonymous_id: 'anon-1',
  part: 'processor',
  step: 'received',
  summary: 'track Purchase',
  data: { envelope: { traits: { email: 'jane@example.com' } } },
  ...over,
});
const steps = (sent: Record<string, unknown>[]) =>
  sent.flatMap((m) => (m.type === 'step' ? [m.step as TraceStep] : []));

describe('live session', () => {
  it.each([
    { name: 'another pipeline', filters: {}, offered: { pipeline_id: 'pip_2' }, shown: false },
    { name: 'the watched pipeline', filters: {}, offered: {}, shown: true },
    {
      name: 'another integration',
      filters: { integration_id: 'tmpl_a' },
      offered: { integration_id: 'tmpl_b' },
      shown: false,
    },
    {
      name: 'an event-level step under an integration filter',
      filters: { integration_id: 'tmpl_a' },
      offered: {},
      shown: true,
    },
    { name: 'another event name', filters: { event: 'Signup' }, offered: {}, shown: false },
    { name: 'the user by user id', filters: { user: 'user-1' }, offered: {}, shown: true },
    { name: 'the user by anonymous id', filters: { user: 'anon-1' }, offered: {}, shown: true },
    { name: 'another user', filters: { user: 'user-2' }, offered: {}, shown: false },
  ])('filters: $name → shown $shown', ({ filters, offered, shown }) => {
    const { socket, sent } = socketDouble();
    const session = new LiveSession(
      socket,
      { pipeline_id: 'pip_1', ...filters } as LiveFilters,
      true,
    );
    session.offer(step(offered));
    expect(steps(sent)).toHaveLength(shown ? 1 : 0);
  });

  it('holds an event under a status filter until a step decides, then sends its steps in order', () => {
    const { socket, sent } = socketDouble();
    const session = new LiveSession(socket, { pipeline_id: 'pip_1', status: 'failed' }, true);
    session.offer(step({ event_id: 'ok' }));
    session.offer(step({ event_id: 'ok', step: 'outcome', status: 'delivered' }));
    session.offer(step({ event_id: 'bad' }));
    session.offer(step({ event_id: 'bad', step: 'response', status: 'retrying' }));
    session.offer(step({ event_id: 'bad', step: 'outcome', status: 'retrying' }));
    expect(steps(sent).map((s) => `${s.event_id}:${s.step}`)).toEqual([
      'bad:received',
      'bad:response',
      'bad:outcome',
    ]);
  });

  it('masks personal data unless the watcher may see it raw', () => {
    const masked = socketDouble();
    new LiveSession(masked.socket, { pipeline_id: 'pip_1' }, false).offer(step());
    const raw = socketDouble();
    new LiveSession(raw.socket, { pipeline_id: 'pip_1' }, true).offer(step());
    expect(JSON.stringify(masked.sent)).not.toContain('jane@example.com');
    expect(JSON.stringify(masked.sent)).not.toContain('user-1');
    expect(JSON.stringify(raw.sent)).toContain('jane@example.com');
  });

  it('drops what does not fit while the socket is full, and says how many events were not shown once it drains', async () => {
    const { socket, sent, state } = socketDouble();
    const session = new LiveSession(socket, { pipeline_id: 'pip_1' }, true, {
      maxQueue: 2,
      highWaterBytes: 100,
      cutAfterDroppedEvents: 1000,
    });
    state.buffered = 1000;
    for (let i = 0; i < 5; i++) {
      session.offer(step({ event_id: `e${i}` }));
      session.offer(step({ event_id: `e${i}`, step: 'processed' }));
    }
    expect(sent).toEqual([]);
    // e0 fills the queue; e1…e4 are not shown (each counted once, its later steps with it).
    expect(session.stats).toMatchObject({ droppedEvents: 4, droppedSteps: 8 });
    state.buffered = 0;
    await new Promise((r) => setTimeout(r, 60));
    expect(sent[0]).toMatchObject({
      type: 'dropped',
      message: '4 events not shown',
      total_events_not_shown: 4,
    });
    expect(steps(sent).map((s) => `${s.event_id}:${s.step}`)).toEqual([
      'e0:received',
      'e0:processed',
    ]);
  });

  it('cuts off a socket that does not keep up, with the reason and the count', () => {
    const { socket, sent, state } = socketDouble();
    let ended = false;
    const session = new LiveSession(
      socket,
      { pipeline_id: 'pip_1' },
      true,
      { maxQueue: 1, highWaterBytes: 100, cutAfterDroppedEvents: 3, closeGraceMs: 10 },
      () => {
        ended = true;
      },
    );
    state.buffered = 1000;
    for (let i = 0; i < 10; i++) session.offer(step({ event_id: `e${i}` }));
    expect(state.closed).toEqual({
      code: CLOSE.tooSlow,
      reason: 'too slow: 3 events not shown; reconnect or narrow the filters',
    });
    expect(sent.at(-1)).toMatchObject({ type: 'closing', events_not_shown: 3 });
    expect([ended, session.closed]).toEqual([true, true]);
  });
});
