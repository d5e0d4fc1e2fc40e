import type { Draft } from 'immer';
import { CommandError, type Edit } from './commands';
import type { StrategyInput } from './types';

/** A token definition of the strategy (`assets.<SYMBOL>`): kind, name and peg. */
export type AssetDefinition = NonNullable<StrategyInput['assets']>[string];
export type AssetKind = AssetDefinition['kind'];
export type PegKind = NonNullable<AssetDefinition['peg']>['kind'];

/** The format's asset kinds (engine/format/schema.ts AssetKind), in words for the form. */
export const ASSET_KINDS: readonly { kind: AssetKind; label: string; hint: string }[] = [
  { kind: 'volatile', label: 'Volatile', hint: 'its price moves freely (ETH, BTC, CRV…)' },
  { kind: 'stable', label: 'Stablecoin', hint: 'designed to hold the price of its peg (USD)' },
  {
    kind: 'liquid-staking',
    label: 'Liquid staking',
    hint: 'a staked token that tracks its peg and earns the staking yield (stETH, wstETH)',
  },
];

/** The same symbols the format accepts (engine/format/schema.ts AssetSymbol), LP tokens aside. */
const SYMBOL = /^[A-Z0-9][A-Z0-9._-]{0,19}$/;

/** Why `symbol` cannot be defined in `doc`, or null when it can. */
export function assetSymbolProblem(doc: StrategyInput, symbol: string): string | null {
  if (symbol === '') return 'type the token’s symbol first';
  if (!SYMBOL.test(symbol))
    return `"${symbol}" is not a token symbol: capitals and digits, like WSTETH`;
  if (doc.assets && symbol in doc.assets) return `${symbol} is already defined`;
  return null;
}

/** A new token definition (a preset's facts when there is one, else a plain volatile token). */
export function defineAsset(
  doc: StrategyInput,
  symbol: string,
  definition: AssetDefinition = { kind: 'volatile' },
): Edit {
  const problem = assetSymbolProblem(doc, symbol);
  if (problem) throw new CommandError(problem);
  return {
    label: `Define token ${symbol}`,
    recipe: (draft) => {
      draft.assets ??= {};
      draft.assets[symbol] = structuredClone(definition) as Draft<AssetDefinition>;
    },
  };
}

export function removeAsset(doc: StrategyInput, symbol: string): Edit {
  mustExist(doc, symbol);
  return {
    label: `Remove token ${symbol}`,
    recipe: (draft) => {
      delete draft.assets![symbol];
      // An empty section is no section: the file stays as a hand-written one would be.
      if (Object.keys(draft.assets!).length === 0) delete draft.assets;
    },
  };
}

type DefinitionField = 'kind' | 'name';
type PegField = 'asset' | 'exchangeRate' | 'exchangeRateAprGrowth';

/**
 * Sets (or, with `undefined`, removes) the token's kind or name. Typing in one field is one
 * history entry.
 */
export function setAssetField(
  doc: StrategyInput,
  symbol: string,
  field: DefinitionField,
  value: string | undefined,
): Edit {
  mustExist(doc, symbol);
  if (field === 'kind' && value === undefined) throw new CommandError('a token has a kind');
  return {
    label: field === 'kind' ? `Change kind of ${symbol}` : `Rename token ${symbol}`,
    key: `asset:${symbol}:${field}`,
    recipe: (draft) => {
      const info = draft.assets![symbol]! as unknown as Record<string, unknown>;
      if (value === undefined) delete info[field];
      else info[field] = value;
    },
  };
}

/** The peg asset a new peg points at: what such a token usually tracks. */
const defaultPegAsset = (kind: AssetKind) => (kind === 'stable' ? 'USD' : 'ETH');

/**
 * Chooses how the token is priced: no peg (its own price in the prices list), one-to-one with
 * another asset, or through an exchange rate to it (wstETH → stETH). Switching to one-to-one drops
 * the rate fields, which that kind ignores; switching back starts them empty for the user to give.
 */
export function setPegKind(doc: StrategyInput, symbol: string, kind: PegKind | 'none'): Edit {
  const info = mustExist(doc, symbol);
  return {
    label:
      kind === 'none'
        ? `Unpeg ${symbol}`
        : kind === 'exchange-rate'
          ? `Price ${symbol} through an exchange rate`
          : `Peg ${symbol} one to one`,
    recipe: (draft) => {
      const target = draft.assets![symbol]!;
      if (kind === 'none') {
        delete target.peg;
        return;
      }
      const asset = info.peg?.asset ?? defaultPegAsset(info.kind);
      target.peg =
        kind === 'one-to-one'
          ? { asset, kind }
          : {
              asset,
              kind,
              ...(info.peg?.exchangeRate !== undefined
                ? { exchangeRate: info.peg.exchangeRate }
                : {}),
              ...(info.peg?.exchangeRateAprGrowth !== undefined
                ? { exchangeRateAprGrowth: info.peg.exchangeRateAprGrowth }
                : {}),
            };
    },
  };
}

/**
 * Sets (or, with `undefined`, removes) a field of the token's peg: the asset it tracks, the
 * exchange rate (units of the peg asset per token) and its yearly growth. One entry per field typed.
 */
export function setPegField(
  doc: StrategyInput,
  symbol: string,
  field: PegField,
  value: string | undefined,
): Edit {
  const info = mustExist(doc, symbol);
  if (!info.peg) throw new CommandError(`${symbol} has no peg`);
  if (field === 'asset' && value === undefined) throw new CommandError('a peg tracks an asset');
  const what = {
    asset: 'peg asset',
    exchangeRate: 'exchange rate',
    exchangeRateAprGrowth: 'rate growth',
  };
  return {
    label: `Edit ${what[field]} of ${symbol}`,
    key: `asset:${symbol}:peg.${field}`,
    recipe: (draft) => {
      const peg = draft.assets![symbol]!.peg! as unknown as Record<string, unknown>;
      if (value === undefined) delete peg[field];
      else peg[field] = value;
    },
  };
}

function mustExist(doc: StrategyInput, symbol: string): AssetDefinition {
  const info = doc.assets?.[symbol];
  if (!info) throw new CommandError(`there is no token definition "${symbol}"`);
  return info;
}
