import { describe, expect, it } from 'vitest';
import { driftLabel } from '../../src-renderer/src/lib/drift-label';

const report = (drift: {
  mode: 'zero' | 'historical';
  annual: Record<string, number>;
  overridden: string[];
}) => ({ parameters: { drift: { ...drift, caution: null } } }) as never;

describe('the drift label shown once per simulation result', () => {
  it('says zero drift when nothing forecasts a move', () => {
    const r = report({ mode: 'zero', annual: { ETH: 0, USDC: 0 }, overridden: [] });
    expect(driftLabel(r)).toBe('zero drift (no forecast)');
  });

  it('names the historical drift per asset', () => {
    const r = report({ mode: 'historical', annual: { ETH: 0.88, USDC: 0 }, overridden: [] });
    expect(driftLabel(r)).toBe('historical drift: ETH +88%/yr');
  });

  it('names an explicitly set drift under the zero default', () => {
    const r = report({ mode: 'zero', annual: { ETH: 0.1 }, overridden: ['ETH'] });
    expect(driftLabel(r)).toBe('drift zero except ETH +10%/yr');
  });
});
