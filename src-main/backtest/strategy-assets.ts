import type { Step, Strategy } from '../engine/format/schema';
import type { PegMap } from '../engine/prices';

/** Every asset a strategy's capital and steps touch (LP tokens excluded: pool math values them). */
export function assetsUsed(strategy: Strategy): Set<string> {
  const out = new Set<string>();
  const add = (asset: string) => {
    if (!asset.startsWith('LP:')) out.add(asset);
  };
  for (const c of strategy.capital) add(c.asset);
  const visit = (step: Step) => {
    switch (step.type) {
      case 'supply':
      case 'withdraw':
      case 'borrow':
      case 'repay':
        add(step.asset);
        break;
      case 'swap':
        add(step.from);
        add(step.to);
        break;
      case 'lp':
        add(step.pool.assets[0]);
        add(step.pool.assets[1]);
        break;
      case 'stake':
        add(step.asset);
        add(step.rewardAsset);
        break;
      case 'perp':
        add(step.asset);
        add(step.marginAsset);
        break;
      case 'harvest':
        add(step.sellInto);
        break;
      case 'loop':
        step.body.forEach(visit);
        break;
    }
  };
  strategy.steps.forEach(visit);
  return out;
}

/** The assets reachable from `assets` through peg chains (their roots price the oracle). */
export function pegAncestors(assets: Iterable<string>, pegs: PegMap): Set<string> {
  const out = new Set<string>();
  for (const asset of assets) {
    let current = pegs.get(asset)?.asset;
    for (let depth = 0; current !== undefined && depth < 8; depth++) {
      out.add(current);
      current = pegs.get(current)?.asset;
    }
  }
  return out;
}
