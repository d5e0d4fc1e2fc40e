import type { Envelope } from './errors';
import type { ContractEvents, EventName } from './events';
import type { OpInput, OpName, OpOutput } from './index';

/**
 * What the preload puts on `window.yieldplan`: one async function per contract op (resolving to
 * an envelope, never rejecting with a main-process stack) and a subscription for main's events.
 */
export interface YieldplanBridge {
  ops: { [K in OpName]: (input: OpInput<K>) => Promise<Envelope<OpOutput<K>>> };
  on<E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void): () => void;
}
