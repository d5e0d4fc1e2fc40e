import type { LendingAccount } from '../../engine/position';
import { aaveLiquidationRules } from '../../engine/lending/aave-rules';
import { designOf } from '../../engine/lending/design';
import { isolationRoom } from '../../engine/lending/isolation';
import { effectiveCollateralParams } from '../../engine/lending/effective-params';
import type { PegMap } from '../../engine/prices';
import { dailyGrowth, pegPath } from '../peg-path';
import { dayGrowth } from './accrual';
import { curveParamsOf } from './rate-curve';

/**
 * Lending accounts in Float64: every account owns the "slots" [accountStart[a], accountStart[a+1]),
 * one per asset it supplies or owes. A slot holds a supply and a debt, its oracle, its collateral
 * parameters (e-mode applied) and its rate model; the account holds its liquidation design.
 *
 * Liquidation designs plug in here: `design[a]` names the rules lending/settle.ts applies to the
 * account when its health factor is under 1: Aave v3's `liquidationCall` (aave-v3.ts), Comet's
 * absorb (compound-v3.ts), a Maker vault's auction (maker-vault.ts), Morpho Blue's `liquidate`
 * (morpho-blue.ts). Each design's collateral parameters come through `effectiveCollateralParams`
 * (slotLt, slotLtv, slotBonus: Comet's 1 − liquidationFactor, Maker's penalty, Morpho's LIF − 1).
 */
export const DESIGN_AAVE_V3 = 0;
export const DESIGN_COMPOUND_V3 = 1;
export const DESIGN_MAKER_VAULT = 2;
export const DESIGN_MORPHO_BLUE = 3;

const DESIGN_CODE = {
  'aave-v3': DESIGN_AAVE_V3,
  'compound-v3': DESIGN_COMPOUND_V3,
  'maker-vault': DESIGN_MAKER_VAULT,
  'morpho-blue': DESIGN_MORPHO_BLUE,
} as const;

export interface LendingLayout {
  accountIds: string[];
  accountStart: Int32Array;
  design: Uint8Array;
  /** Maker vault: share below the oracle price at which the auction sells (0 elsewhere). */
  auctionDiscount: Float64Array;
  closeFactor: Float64Array;
  fullLiquidationHf: Float64Array;
  /** Aave v3.3: reserves under this (USD) are liquidatable whole; partial calls leave ≥ minLeftoverUsd. */
  fullLiquidationBelowUsd: Float64Array;
  minLeftoverUsd: Float64Array;
  /** Aave v3 isolation mode: debt units the account may owe under its collateral's ceiling (else Infinity). */
  isolationRoom: Float64Array;
  slotAsset: Int32Array;
  /** Oracle: -1 = the asset's market price; in exchange-rate mode the peg root's index × ratio × growth^day. */
  slotOracleRoot: Int32Array;
  slotOracleRatio: Float64Array;
  slotOracleGrowth: Float64Array;
  slotSupply: Float64Array;
  slotDebt: Float64Array;
  /** 1 when the account lists a supply / a debt of the asset at the start (the report names them). */
  slotHasSupply: Uint8Array;
  slotHasDebt: Uint8Array;
  /** Liquidation threshold if the supply counts as collateral, else 0. */
  slotLt: Float64Array;
  /** Loan-to-value if the supply counts as collateral, else 0 (borrow power, for re-leverage). */
  slotLtv: Float64Array;
  slotBorrowable: Uint8Array;
  slotBonus: Float64Array;
  /** 1: the market accrues per second (the default, as on-chain); 0: `"compounding": "daily"`. */
  slotPerSecond: Uint8Array;
  /** Fixed rates as daily multiples, per second (1 + apr/31,536,000)^86,400 or daily 1 + apr/365. */
  slotSupplyGrowth: Float64Array;
  slotDebtGrowth: Float64Array;
  /** slotCurve[s]: CURVE_NONE / CURVE_AAVE / CURVE_COMET, CURVE_FIELDS numbers from slotCurveParams[s·CURVE_FIELDS]. */
  slotCurve: Uint8Array;
  slotCurveParams: Float64Array;
}

/** The slot of `asset` in account `marketId`, for harvest targets and rate inputs. */
export type SlotKey = Map<string, number>;
export const slotKeyOf = (marketId: string, asset: string) => `${marketId}|${asset}`;

export function compileLending(input: {
  accounts: readonly LendingAccount[];
  indexOf: ReadonlyMap<string, number>;
  pegs: PegMap;
}): { layout: LendingLayout; slotKey: SlotKey } {
  const { accounts, indexOf, pegs } = input;
  const accountStart = new Int32Array(accounts.length + 1);
  const cols: Record<string, number[]> = {};
  const push = (name: string, ...values: number[]) => (cols[name] ??= []).push(...values);
  const slotKey: SlotKey = new Map();
  let slots = 0;
  accounts.forEach((acc, a) => {
    accountStart[a] = slots;
    for (const asset of new Set([...acc.supplies.keys(), ...acc.debts.keys()])) {
      const supply = acc.supplies.get(asset);
      const debt = acc.debts.get(asset);
      const params = acc.market.assets[asset];
      const collateral = effectiveCollateralParams({ market: acc.market, asset });
      slotKey.set(slotKeyOf(acc.marketId, asset), slots++);
      push('asset', indexOf.get(asset)!);
      // the engine's oraclePrice: in exchange-rate mode the peg root's market price × the chain's ratios
      const path =
        params?.oracle === 'exchange-rate' ? pegPath(asset, pegs, (s) => !pegs.has(s)) : null;
      push('oracleRoot', path ? indexOf.get(path.anchor)! : -1);
      push('oracleRatio', path ? path.links.reduce((r, link) => r * link.ratio, 1) : 1);
      push('oracleGrowth', path ? dailyGrowth(path.links) : 1);
      push('supply', supply ? supply.amount.toNumber() : 0);
      push('debt', debt ? debt.toNumber() : 0);
      push('hasSupply', supply ? 1 : 0);
      push('hasDebt', debt ? 1 : 0);
      const counts = supply?.collateral === true;
      push('lt', counts ? collateral.liquidationThreshold.toNumber() : 0);
      push('ltv', counts ? collateral.ltv.toNumber() : 0);
      push('borrowable', params && params.borrowEnabled !== false ? 1 : 0);
      push('bonus', collateral.liquidationBonus.toNumber());
      const rates = params?.rates;
      const fixed = rates?.type === 'fixed';
      const perSecond = acc.market.compounding !== 'daily';
      push('perSecond', perSecond ? 1 : 0);
      push('supplyGrowth', dayGrowth(fixed ? Number(rates.supplyApr) : 0, perSecond));
      push('debtGrowth', dayGrowth(fixed ? Number(rates.borrowApr) : 0, perSecond));
      const curve = curveParamsOf(rates);
      push('curve', curve.kind);
      push('curveParams', ...curve.fields);
    }
  });
  accountStart[accounts.length] = slots;
  const rules = accounts.map((acc) => aaveLiquidationRules(acc.market));
  const f64 = (name: string) => Float64Array.from(cols[name] ?? []);
  const i32 = (name: string) => Int32Array.from(cols[name] ?? []);
  const u8 = (name: string) => Uint8Array.from(cols[name] ?? []);
  return {
    slotKey,
    layout: {
      accountIds: accounts.map((acc) => acc.marketId),
      accountStart,
      design: Uint8Array.from(accounts, (acc) => DESIGN_CODE[designOf(acc.market).design]),
      auctionDiscount: Float64Array.from(accounts, (acc) => {
        const design = designOf(acc.market);
        return design.design === 'maker-vault' ? Number(design.auctionDiscount ?? '0') : 0;
      }),
      closeFactor: Float64Array.from(accounts, (_, a) => rules[a]!.closeFactor.toNumber()),
      fullLiquidationHf: Float64Array.from(accounts, (_, a) =>
        rules[a]!.fullLiquidationHealthFactor.toNumber(),
      ),
      fullLiquidationBelowUsd: Float64Array.from(accounts, (_, a) =>
        rules[a]!.fullLiquidationBelowUsd.toNumber(),
      ),
      minLeftoverUsd: Float64Array.from(accounts, (_, a) => rules[a]!.minLeftoverUsd.toNumber()),
      isolationRoom: Float64Array.from(accounts, (acc) => {
        const room = isolationRoom(acc);
        if (!room) return Infinity;
        // the ceiling less the market's debt; the account's own debt is read live
        let own = 0;
        for (const [asset, units] of acc.debts) {
          if (acc.market.assets[asset]?.borrowableInIsolation) own += units.toNumber();
        }
        return room.ceiling.toNumber() - (room.used.toNumber() - own);
      }),
      slotAsset: i32('asset'),
      slotOracleRoot: i32('oracleRoot'),
      slotOracleRatio: f64('oracleRatio'),
      slotOracleGrowth: f64('oracleGrowth'),
      slotSupply: f64('supply'),
      slotDebt: f64('debt'),
      slotHasSupply: u8('hasSupply'),
      slotHasDebt: u8('hasDebt'),
      slotLt: f64('lt'),
      slotLtv: f64('ltv'),
      slotBorrowable: u8('borrowable'),
      slotBonus: f64('bonus'),
      slotPerSecond: u8('perSecond'),
      slotSupplyGrowth: f64('supplyGrowth'),
      slotDebtGrowth: f64('debtGrowth'),
      slotCurve: u8('curve'),
      slotCurveParams: f64('curveParams'),
    },
  };
}
