export * from './fake-coingecko';
export * from './fake-openai';
export type * from './fake-openai-reply';
export type { ChartPoint, MarketChart } from './coingecko-market-chart';
