// Help → About and Help → Report a problem: their texts, from the real bundled data READMEs.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  aboutText,
  diagnosticSummary,
  parseDataReadme,
  readDataSources,
} from '../../src-main/electron/about';

const resources = path.resolve(import.meta.dirname, '../../resources');

describe('bundled data sources', () => {
  const [prices, rates] = readDataSources(resources);

  it('lists every bundled price series with its first and last day (resources/data/prices/README.md)', () => {
    expect(prices?.title).toBe('Bundled daily price history (real data, US dollars)');
    expect(prices?.series).toHaveLength(7);
    expect(prices?.series).toContain('Bitcoin: 2014-09-17 to 2025-11-19');
    expect(prices?.series).toContain('Dai: 2021-01-01 to 2023-08-29');
    expect(prices?.sources[0]).toContain('Yahoo Finance');
    expect(
      prices?.sources.some((s) => s.startsWith('DAI: finanzascuantitativasfc/2024-1-data')),
    ).toBe(true);
  });

  it('lists the lending-rate files with their periods and sources', () => {
    expect(rates?.title).toBe('Bundled historical lending rates (real data)');
    expect(rates?.series).toHaveLength(3);
    expect(rates?.series[1]).toBe(
      'Aave v3 Ethereum: WETH supply rate, USDC borrow rate: 2024-02-20 .. 2024-08-18',
    );
    expect(rates?.sources.some((s) => s.includes('QuantLet/p2pInterestRate'))).toBe(true);
  });

  it('reads a README without a table or sources, and a missing data folder', () => {
    expect(parseDataReadme('# Just a title\n\nText.')).toEqual({
      title: 'Just a title',
      series: [],
      sources: [],
    });
    expect(readDataSources(path.join(resources, 'no-such-folder'))).toEqual([]);
  });
});

describe('aboutText', () => {
  it('shows name, version, licence, runtime versions and the data with its ranges', () => {
    const { message, detail } = aboutText({
      name: 'Yield Planner',
      version: '0.1.0',
      licence: 'UNLICENSED',
      homepage: 'https://example.invalid',
      versions: { electron: '45.3.4', chrome: '140.0.0.0', node: '22.20.0' },
      dataSources: readDataSources(resources),
    });
    expect(message).toBe('Yield Planner 0.1.0');
    const lines = detail.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Licence: UNLICENSED',
      'Electron 45.3.4 · Chromium 140.0.0.0 · Node 22.20.0',
      'https://example.invalid',
    ]);
    expect(lines).toContain('  • Ether: 2015-08-07 to 2025-11-19');
    expect(lines).toContain('Bundled historical lending rates (real data)');
  });
});

describe('diagnosticSummary', () => {
  it('carries versions, schema and OS, and nothing like a path', () => {
    const text = diagnosticSummary({
      name: 'Yield Planner',
      version: '0.1.0',
      packaged: true,
      versions: { electron: '45.3.4', chrome: '140.0.0.0', node: '22.20.0', sqlite: '3.50.4' },
      schemaVersion: 6,
      os: { platform: 'linux', release: '6.8.0', arch: 'x64', version: '#1 SMP' },
      locale: 'en-GB',
    });
    expect(text.split('\n')).toEqual([
      'Yield Planner 0.1.0',
      'Electron 45.3.4, Chromium 140.0.0.0, Node 22.20.0, SQLite 3.50.4',
      'Database schema version 6',
      'OS: linux 6.8.0 x64 (#1 SMP)',
      'Locale: en-GB',
    ]);
    expect(text).not.toMatch(/[\\/]home|Users|AppData/);
  });

  it('marks a development build', () => {
    const text = diagnosticSummary({
      name: 'Yield Planner',
      version: '0.1.0',
      packaged: false,
      versions: { electron: null, chrome: null, node: '20.20.2', sqlite: '3.50.4' },
      schemaVersion: 4,
      os: { platform: 'darwin', release: '24.0.0', arch: 'arm64' },
    });
    expect(text).toContain('Yield Planner 0.1.0 (development build)');
    expect(text).toContain('Electron n/a, Chromium n/a');
    expect(text).toContain('OS: darwin 24.0.0 arm64');
  });
});
