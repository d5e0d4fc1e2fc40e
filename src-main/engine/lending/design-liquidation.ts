import { Decimal, ONE, ZERO, maxDec, minDec } from '../decimal';
import type { LendingAccount, PriceMap } from '../position';
import { accountHealth } from './account-health';
import { cloneAccount } from './clone-account';
import { collateralOf } from './collateral';
import { designOf } from './design';
import { effectiveCollateralParams } from './effective-params';

/**
 * One liquidation of a whole account by its market's design, at ORACLE prices, in Decimal: the
 * oracle of the Float64 kernel's dynamics/lending/{compound-v3,maker-vault,morpho-blue}.ts
 * (test/dynamics/designs.test.ts), and the worked examples of docs/lending-designs.md.
 * Aave v3 accounts go through `liquidationCall` (liquidation.ts), one pair per call.
 */
export interface DesignLiquidation {
  account: LendingAccount;
  liquidated: boolean;
  /** Debt units cleared, per asset (repaid by the liquidator, the auction or the protocol). */
  debtCleared: Map<string, Decimal>;
  /** Collateral units taken from the account, per asset. */
  collateralSeized: Map<string, Decimal>;
  /** Base units credited back to the owner (Comet absorb), else 0. */
  baseCredited: Decimal;
  /** Seized value − debt value cleared − base credited (oracle USD): the owner's loss; negative
   * when the collateral did not cover the debt (the market's bad debt). */
  lossUsd: Decimal;
  healthFactorBefore: Decimal;
  healthFactorAfter: Decimal;
}

const valueOf = (units: Decimal, price: Decimal | undefined) => units.times(price ?? ZERO);

export function liquidateByDesign({
  account,
  prices,
}: {
  account: LendingAccount;
  prices: PriceMap;
}): DesignLiquidation {
  const before = accountHealth({ account, prices });
  const next = cloneAccount(account);
  const result: DesignLiquidation = {
    account: next,
    liquidated: false,
    debtCleared: new Map(),
    collateralSeized: new Map(),
    baseCredited: ZERO,
    lossUsd: ZERO,
    healthFactorBefore: before.healthFactor,
    healthFactorAfter: before.healthFactor,
  };
  if (before.healthFactor.greaterThanOrEqualTo(1)) return result;
  const design = designOf(account.market);
  const debtUsd = before.debtUsd;
  const seize = (asset: string, units: Decimal) => {
    const s = next.supplies.get(asset)!;
    next.supplies.set(asset, { ...s, amount: s.amount.minus(units) });
    result.collateralSeized.set(asset, units);
  };
  const clearDebts = () => {
    for (const [asset, units] of next.debts) {
      if (units.lessThanOrEqualTo(0)) continue;
      result.debtCleared.set(asset, units);
      next.debts.set(asset, ZERO);
    }
  };

  switch (design.design) {
    case 'compound-v3': {
      // Comet.absorbInternal: every collateral seized; deltaValue = Σ value × liquidationFactor;
      // newBalance = oldBalance + deltaValue / basePrice, floored at 0 (reserves cover the rest)
      let credited = ZERO;
      let seizedUsd = ZERO;
      for (const [asset, units] of collateralOf(next)) {
        const value = valueOf(units, prices.get(asset));
        seizedUsd = seizedUsd.plus(value);
        credited = credited.plus(value.times(new Decimal(design.liquidationFactors[asset] ?? '0')));
        seize(asset, units);
      }
      clearDebts();
      const basePrice = prices.get(design.baseAsset);
      const surplusUsd = maxDec(ZERO, credited.minus(debtUsd));
      if (basePrice && basePrice.greaterThan(0) && surplusUsd.greaterThan(0)) {
        result.baseCredited = surplusUsd.div(basePrice);
        const s = next.supplies.get(design.baseAsset);
        next.supplies.set(design.baseAsset, {
          asset: design.baseAsset,
          amount: (s?.amount ?? ZERO).plus(result.baseCredited),
          collateral: s?.collateral ?? false,
        });
      }
      result.lossUsd = seizedUsd.minus(debtUsd).minus(surplusUsd);
      break;
    }
    case 'maker-vault': {
      // Dog.bark: the whole vault (debt art·rate) goes to the Clipper with tab = debt × chop; the
      // auction sells collateral until the tab is raised and returns the rest (Clipper.take)
      const price = prices.get(design.collateral);
      const units = next.supplies.get(design.collateral)?.amount ?? ZERO;
      if (!price || price.isZero() || units.isZero()) break;
      const tabUsd = debtUsd.times(ONE.plus(new Decimal(design.liquidationPenalty)));
      const salePrice = price.times(ONE.minus(new Decimal(design.auctionDiscount ?? '0')));
      const sold = minDec(units, tabUsd.div(salePrice));
      seize(design.collateral, sold);
      clearDebts();
      result.lossUsd = sold.times(price).minus(debtUsd);
      break;
    }
    case 'morpho-blue': {
      // Morpho.liquidate: seized = repaid × LIF / price, any share of the debt; a liquidator
      // repays all it can. Collateral gone with debt left: the bad debt is realised (cleared)
      const price = prices.get(design.collateral);
      const units = next.supplies.get(design.collateral)?.amount ?? ZERO;
      const loanPrice = prices.get(design.loanAsset);
      const debt = next.debts.get(design.loanAsset) ?? ZERO;
      if (!price || price.isZero() || !loanPrice || units.isZero() || debt.isZero()) break;
      const lif = ONE.plus(
        effectiveCollateralParams({ market: account.market, asset: design.collateral })
          .liquidationBonus,
      );
      const seized = minDec(units, debt.times(loanPrice).times(lif).div(price));
      seize(design.collateral, seized);
      clearDebts(); // repaid by the liquidator, the remainder (if any) realised as bad debt
      result.lossUsd = seized.times(price).minus(debtUsd);
      break;
    }
    default:
      return result;
  }
  result.liquidated = true;
  result.healthFactorAfter = accountHealth({ account: next, prices }).healthFactor;
  return result;
}
