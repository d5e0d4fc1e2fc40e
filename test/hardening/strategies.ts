import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** A bundled worked example, parsed fresh (tests mutate their copy). */
export function example(id: string): Record<string, unknown> {
  return JSON.parse(
    fs.readFileSync(path.join(root, 'resources/examples', `${id}.json`), 'utf8'),
  ) as Record<string, unknown>;
}

/** ETH collateral, USDC debt, a loop of borrow → swap → supply (a 3-step body). */
function loopingBase(): Record<string, unknown> {
  return {
    format: 'yieldplan.strategy',
    version: 1,
    name: 'maximal loop',
    horizonDays: 365,
    capital: [{ asset: 'ETH', amount: '10' }],
    prices: { ETH: '3000', USDC: '1' },
    markets: [
      {
        id: 'aave',
        kind: 'lending',
        protocol: 'aave-v3',
        chain: 'ethereum',
        assets: {
          ETH: {
            ltv: '0.8',
            liquidationThreshold: '0.83',
            liquidationBonus: '0.05',
            rates: { type: 'fixed', supplyApr: '0.02', borrowApr: '0.03' },
          },
          USDC: {
            ltv: '0.75',
            liquidationThreshold: '0.78',
            liquidationBonus: '0.05',
            rates: { type: 'fixed', supplyApr: '0.04', borrowApr: '0.05' },
          },
        },
      },
      { id: 'uni', kind: 'dex', protocol: 'uniswap-v3', chain: 'ethereum' },
    ],
    steps: [{ id: 'supply-eth', type: 'supply', market: 'aave', asset: 'ETH', amount: 'all' }],
  };
}

function loop(id: string, times: number, bodySize: number): Record<string, unknown> {
  const body = Array.from({ length: bodySize }, (_, k) => {
    const kind = k % 3;
    if (kind === 0) {
      return {
        id: `${id}-b${k}`,
        type: 'borrow',
        market: 'aave',
        asset: 'USDC',
        amount: { mode: 'capacityShare', value: '0.01' },
      };
    }
    if (kind === 1) {
      return {
        id: `${id}-s${k}`,
        type: 'swap',
        market: 'uni',
        from: 'USDC',
        to: 'ETH',
        amount: 'all',
      };
    }
    return { id: `${id}-p${k}`, type: 'supply', market: 'aave', asset: 'ETH', amount: 'all' };
  });
  return { id, type: 'loop', repeat: { mode: 'times', times }, body };
}

/**
 * `loops` loop steps of `times` repetitions × `bodySize` body steps: the 99 × 100 × 20 chain
 * (198,000 executed steps) when called with those numbers.
 */
export function loopChain(loops: number, times: number, bodySize: number): Record<string, unknown> {
  const doc = loopingBase();
  (doc['steps'] as unknown[]).push(
    ...Array.from({ length: loops }, (_, i) => loop(`loop-${i}`, times, bodySize)),
  );
  return doc;
}

/** The largest chain the schema accepts: exactly INPUT_LIMITS.executedSteps executed steps. */
export function maximalAcceptedChain(executedSteps: number): Record<string, unknown> {
  // 1 supply step + loops of 100 × 20 (2,000 each) + one loop filling the rest.
  const rest = executedSteps - 1;
  const full = Math.floor(rest / 2000);
  const doc = loopChain(full, 100, 20);
  const left = rest - full * 2000;
  if (left > 0) {
    let times = 1;
    let body = left;
    if (left > 20) {
      body = 20;
      times = Math.floor(left / 20);
    }
    (doc['steps'] as unknown[]).push(loop('loop-rest', times, body));
    const remaining = left - times * body;
    for (let i = 0; i < remaining; i++) {
      (doc['steps'] as unknown[]).push({
        id: `tail-${i}`,
        type: 'supply',
        market: 'aave',
        asset: 'ETH',
        amount: 'all',
      });
    }
  }
  return doc;
}
