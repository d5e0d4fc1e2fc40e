import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineIssue } from '../../src-main/contract/index';
import { evaluate } from '../../src-main/engine/evaluate';
import {
  describeIssue,
  leverageStepIn,
  readableMessage,
  stepFieldWords,
} from '../../src-renderer/src/lib/issue-text';
import type { StrategyInput } from '../../src-renderer/src/state/document/types';

const example = (file: string): StrategyInput =>
  JSON.parse(
    fs.readFileSync(new URL(`../../resources/examples/${file}`, import.meta.url), 'utf8'),
  ) as StrategyInput;

/** Every text a person reads of an issue. */
const read = (t: ReturnType<typeof describeIssue>) =>
  [t.title, t.sentence, t.place ?? '', t.targetLabel ?? ''].join(' | ');
/** Engine codes (HEALTH_FACTOR_LOW) and dotted paths (healthFactor.byMarket.x) are not words. */
const MACHINE = /\b[A-Z]+(?:_[A-Z]+)+\b|\b[a-zA-Z]+\.[a-zA-Z0-9-]+\.[\w-]+/;

describe('engine warnings in words', () => {
  it('a low health factor names the market, the figure and the limit, and shows the loop', () => {
    // wstETH loop at 8x: HF 1.086 on "Aave v3 Ethereum (Core)", under the 1.2 warning level
    const doc = example('wsteth-emode-loop.json');
    const warning = evaluate(doc).warnings.find((w) => w.code === 'HEALTH_FACTOR_LOW')!;
    expect(warning.field).toBe('healthFactor.byMarket.aave-v3-ethereum');
    const text = describeIssue(warning, { document: doc });
    expect(text.title).toBe('Health factor low');
    expect(text.sentence).toMatch(
      /^Health factor 1\.086 on Aave v3 Ethereum \(Core\) is below 1\.2: /,
    );
    expect(text.place).toBeNull();
    expect(text.target).toEqual({ kind: 'step', id: 'flash-loop' });
    expect(text.targetLabel).toBe('Show step “Flash-loan loop”');
    expect(read(text)).not.toMatch(MACHINE);
    expect(read(text)).not.toContain('aave-v3-ethereum');
  });

  it('a near liquidation says which way, how far and to what price (lending and perp)', () => {
    // ETH at 2,300: HF 1.3833 × 2300 / 3000 = 1.0606; liquidated at 2,168.67 (−5.7 %)
    const lending = example('eth-leveraged-long.json');
    const warnings = evaluate(lending, { at: { ETH: '2300' } }).warnings;
    const texts = warnings.map((w) => describeIssue(w, { document: lending }));
    expect(texts.map((t) => t.sentence)).toContain(
      'ETH falling 5.7%, to $2,168.67, would liquidate the position on Aave v3 Ethereum (Core).',
    );
    expect(texts.find((t) => t.title === 'Health factor low')?.sentence).toMatch(
      /^Health factor 1\.061 on Aave v3 Ethereum \(Core\) is below 1\.2/,
    );
    for (const t of texts) expect(read(t)).not.toMatch(MACHINE);

    // the BTC short is liquidated at 118,703.61 (test/risk/stress.test.ts): 6.0 % above 112,000
    const perp = example('btc-perp-hedge.json');
    const near = evaluate(perp, { at: { BTC: '112000' } }).warnings.find(
      (w) => w.code === 'LIQUIDATION_NEAR',
    )!;
    const text = describeIssue(near, { document: perp });
    expect(text.sentence).toBe(
      'BTC rising 6.0%, to $118,703.61, would liquidate the short BTC perp on GMX v2 Arbitrum.',
    );
    expect(text.targetLabel).toBe('Show step “Perp short BTC”');
  });

  it('a step’s issue names the step and its field in words; a loop body’s goes to the body step', () => {
    const doc = example('eth-leveraged-long.json');
    const issue: EngineIssue = {
      code: 'BORROW_BEYOND_LTV',
      message: 'target LTV 0.9 is above the maximum 0.8',
      stepId: 'lever-up',
      field: 'body.0.amount.value',
    };
    const text = describeIssue(issue, { document: doc });
    expect(text.sentence).toBe('Target LTV 0.9 is above the maximum 0.8.');
    expect(text.place).toBe('Step “Borrow USDC”, amount');
    expect(text.target).toEqual({ kind: 'step', id: 'borrow-usdc' });
  });

  it('fields outside the steps read as the strategy part they are', () => {
    const doc = example('eth-leveraged-long.json');
    const at = (field: string) =>
      describeIssue({ code: 'X_Y', message: 'm', field }, { document: doc });
    expect(at('prices.ETH')).toMatchObject({ place: 'Price of ETH', target: { kind: 'strategy' } });
    expect(at('capital.0.amount').place).toBe('Starting capital 1');
    expect(at('markets.0.assets.WETH.ltv')).toMatchObject({
      place: 'Market “Aave v3 Ethereum (Core)”, assets WETH LTV',
      target: { kind: 'market', id: 'aave-v3-ethereum' },
    });
    expect(at('liquidationPrice.ETH').place).toBe('Liquidation price of ETH');
    // an unknown code still gets a title in words
    expect(at('prices.ETH').title).toBe('X y');
  });

  it('messages name markets and quoted steps by their names', () => {
    const doc = example('eth-leveraged-long.json');
    expect(readableMessage('aave-v3-ethereum can be liquidated now', doc)).toBe(
      'Aave v3 Ethereum (Core) can be liquidated now',
    );
    expect(
      readableMessage('step "buy-eth" takes all of USDC, leaving step "resupply-eth" short', doc),
    ).toBe('step “Swap USDC → WETH” takes all of USDC, leaving step “Supply WETH” short');
    expect(readableMessage('figures exclude steps with format errors: buy-eth, gone', doc)).toBe(
      'figures exclude steps with format errors: “Swap USDC → WETH”, gone',
    );
  });

  it('step field paths in words', () => {
    expect(stepFieldWords('amount.value')).toBe('amount');
    expect(stepFieldWords('pool.assets.0')).toBe('pool assets 1');
    expect(stepFieldWords('targetLeverage')).toBe('target leverage');
    expect(stepFieldWords('repeat.targetLeverage')).toBe('target leverage');
  });

  it('the step to show for a market: the loop that borrows there, else the borrow, else a user', () => {
    const doc = example('eth-leveraged-long.json');
    expect(leverageStepIn(doc, 'aave-v3-ethereum')).toBe('lever-up');
    expect(leverageStepIn(doc, 'uniswap-v3-ethereum')).toBe('lever-up');
    expect(leverageStepIn(doc, 'nowhere')).toBeNull();
  });
});
