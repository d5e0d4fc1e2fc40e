import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LimitBreach, LimitFix } from '../../src-main/contract/index';
import { setFormatLocale } from '../../src-renderer/src/lib/format';
import { fixText } from '../../src-renderer/src/lib/limits';
import type { StrategyInput } from '../../src-renderer/src/state/document/types';

/** "To clear" fixes as people read them: markets by name, amounts as the app formats them. */
const doc = JSON.parse(
  fs.readFileSync(
    new URL('../../resources/examples/eth-leveraged-long.json', import.meta.url),
    'utf8',
  ),
) as StrategyInput;

const breach = (fix: LimitFix, protocol: string | null = null): LimitBreach => ({
  limit: fix.kind === 'move-out' ? 'maxProtocolShare' : 'minHealthFactor',
  analysis: 'evaluation',
  figure: '1.2',
  threshold: '1.5',
  source: 'strategy',
  marketId: fix.marketId,
  protocol,
  stepIds: [],
  where: null,
  message: '',
  fixes: [fix],
});

beforeAll(() => setFormatLocale('en-US'));

describe('fixText', () => {
  it('formats the dollars and names the market; the rounded-up units stay whole', () => {
    const fix: LimitFix = {
      kind: 'add-collateral',
      marketId: 'aave-v3-ethereum',
      asset: 'WETH',
      units: '1.87931',
      usd: '6315.84',
      message: 'supply 1.87931 WETH more collateral on aave-v3-ethereum (≈ $6315.84)',
    };
    expect(fixText(fix, breach(fix), doc)).toBe(
      'supply 1.87931 WETH more collateral on Aave v3 Ethereum (Core) (≈ $6,315.84)',
    );
  });

  it('words a repay and a deleverage alike', () => {
    const fix: LimitFix = {
      kind: 'deleverage',
      marketId: 'aave-v3-ethereum',
      asset: 'USDC',
      units: '12045.3',
      usd: '12045.3',
      message: 'sell collateral to repay 12045.3 USDC on aave-v3-ethereum (≈ $12045.3)',
    };
    expect(fixText(fix, breach(fix), doc)).toBe(
      'sell collateral to repay 12045.3 USDC on Aave v3 Ethereum (Core) (≈ $12,045.30)',
    );
  });

  it('formats the dollars to move out of a protocol', () => {
    const fix: LimitFix = {
      kind: 'move-out',
      marketId: 'aave-v3-ethereum',
      asset: null,
      units: null,
      usd: '25012.4',
      message: 'move $25012.4 out of aave-v3',
    };
    expect(fixText(fix, breach(fix, 'aave-v3'), doc)).toMatch(/^move \$25,012\.40 out of /);
  });
});
