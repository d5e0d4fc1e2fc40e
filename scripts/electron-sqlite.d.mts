// Types for the tests that import scripts/electron-sqlite.mjs.
export const nativeDir: string;
export const nativeBinary: string;
export function expectedStamp(): string;
export function nodeModuleAbi(file: string): number | null;
export function electronBuildEnv(env?: NodeJS.ProcessEnv): Record<string, string | undefined>;
export function electronSqliteProblem(): string | null;
export function ensureElectronSqlite(options?: {
  force?: boolean;
  log?: (message: string) => void;
}): string;
export function binaryArch(file: string): 'x64' | 'arm64' | 'ia32' | 'arm' | null;
