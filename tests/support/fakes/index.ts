export * from './fake-coingecko';
export * from './fake-openai';
export type {
  FakeChatReply,
  FakeContentReply,
  FakeErrorReply,
  FakeGarbageReply,
  FakeHangReply,
  FakeJsonReply,
  FakeRefusalReply,
  FakeReplyTiming,
  FakeSuccessReply,
  FakeToolCall,
  FakeToolCallsReply,
} from './fake-openai-reply';
export type { ChartPoint, MarketChart } from './coingecko-market-chart';
