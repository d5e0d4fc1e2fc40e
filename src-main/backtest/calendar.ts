/** The day calendar lives with the market data (the Monte Carlo uses it too); re-exported here. */
export * from '../market-data/calendar';
