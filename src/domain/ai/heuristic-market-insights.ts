import type { MarketInsightsAnswer } from './market-insights-answer';
import type { MarketFocus, MarketMove, MarketTimeframe } from './market-move';
import { ruleBasedNotice, type FallbackReason } from './rule-based-notice';

const pct = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}%`;
const price = (x: number) => (x >= 1 ? `$${x.toFixed(2)}` : `$${x.toPrecision(4)}`);

const FOCUS_NOTE: Record<MarketFocus, string> = {
  general: '',
  defi: ' For DeFi positions, falling collateral prices lower health factors and move liquidity ranges.',
  lending: ' For lending, falling collateral prices lower health factors; check yours if you borrow.',
  dex: ' For liquidity providers, large moves push concentrated positions out of range.',
};

/** Insights from the registry tokens' 24h moves: average, biggest gainer and loser, stablecoin pegs, missing data. */
export const heuristicMarketInsights = (moves: ReadonlyArray<MarketMove>, focus: MarketFocus, timeframe: MarketTimeframe, reason: FallbackReason): MarketInsightsAnswer => {
  const notice = ruleBasedNotice(reason).replace("your wallet's real figures", 'the price feed');
  const volatile = moves.filter((m): m is MarketMove & { usd: number; change24h: number } => !m.isStable && m.usd !== null && m.change24h !== null);
  const sorted = [...volatile].sort((a, b) => b.change24h - a.change24h);
  const insights: string[] = [];
  const timeframeNote = timeframe === '1d' ? '' : ` (the feed gives 24h changes only, so this covers the last day of the ${timeframe} asked for)`;
  if (sorted.length > 0) {
    const average = sorted.reduce((s, m) => s + m.change24h, 0) / sorted.length;
    insights.push(`${notice} Across ${sorted.length} tracked volatile token${sorted.length === 1 ? '' : 's'} the average 24h move is ${pct(average)}${timeframeNote}.${FOCUS_NOTE[focus]}`);
    const top = sorted[0];
    const bottom = sorted[sorted.length - 1];
    if (top !== undefined) insights.push(`Biggest gainer: ${top.symbol} ${pct(top.change24h)} at ${price(top.usd)}.`);
    if (bottom !== undefined && bottom !== top) insights.push(`Biggest loser: ${bottom.symbol} ${pct(bottom.change24h)} at ${price(bottom.usd)}.`);
  } else {
    insights.push(`${notice} No 24h price change is available for the tracked tokens right now${timeframeNote}.${FOCUS_NOTE[focus]}`);
  }
  for (const s of moves.filter((m) => m.isStable && m.usd !== null)) {
    const usd = s.usd ?? 1;
    const off = Math.abs(usd - 1);
    insights.push(off >= 0.01 ? `${s.symbol} is off its peg at ${price(usd)} (${pct((usd - 1) * 100)}).` : `${s.symbol} holds its peg at ${price(usd)}.`);
  }
  const stale = moves.filter((m) => m.stale).map((m) => m.symbol);
  if (stale.length > 0) insights.push(`Prices of ${stale.join(', ')} come from an older copy because the price feed failed.`);
  return { insights: insights.slice(0, 12) };
};
