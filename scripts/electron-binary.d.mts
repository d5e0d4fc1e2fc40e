// Types for the tests that import scripts/electron-binary.mjs.
export const root: string;
export const UNAVAILABLE_LINE: string;
export function electronBinary(): string | null;
export function electronVersion(): string;
export function electronAbi(): string;
export function downloadElectron(timeoutMs?: number): Promise<string | null>;
