import type {
  ApiErrorShape,
  ContractEvents,
  ErrorCode,
  EventName,
  OpInput,
  OpName,
  OpOutput,
} from '../../../src-main/contract/index';
import { ipcTransport, loopbackTransport, takeLoopbackToken, type Transport } from './transports';

/** A failed call, carrying the contract's error shape. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.details = shape.details;
  }
}

/** The one object the app uses to talk to main, typed from the contract. */
export class ApiClient {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  get transport(): Transport['kind'] {
    return this.#transport.kind;
  }

  /** Resolves with the op's output or rejects with an ApiError. */
  async call<K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>> {
    const envelope = await this.#transport.call(op, input);
    if (!envelope.ok) throw new ApiError(envelope.error);
    return envelope.data as OpOutput<K>;
  }

  on<E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void): () => void {
    return this.#transport.on(event, listener);
  }
}

function detectTransport(): Transport {
  if (window.yieldplan) return ipcTransport(window.yieldplan);
  return loopbackTransport(takeLoopbackToken(window.location, window.history, sessionStorage));
}

export const api = new ApiClient(detectTransport());
