/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { YieldplanBridge } from '../../src-main/contract/index';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser (loopback transport). */
    yieldplan?: YieldplanBridge;
  }
}

export {};
