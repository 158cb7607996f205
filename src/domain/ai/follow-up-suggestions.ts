/** Follow-up questions offered after a chat answer, by the tools the answer used (or the topics it touched). */
const BY_TOOL: Readonly<Record<string, string>> = {
  get_risk: 'What would lower my risk score?',
  get_portfolio: 'Which of my holdings is most concentrated?',
  get_performance: 'What drove my returns this month?',
  get_history: 'How has my net worth changed over 90 days?',
  get_prices: 'How did my tokens move in the last 24 hours?',
};

const DEFAULTS = ['What is my health factor?', 'How risky is my portfolio?', 'How did my portfolio perform this week?'];

/** Up to three follow-ups: those tied to the tools used first, then general ones, without repeats. */
export const followUpSuggestions = (toolNames: ReadonlyArray<string>): ReadonlyArray<string> => {
  const tied = toolNames.map((n) => BY_TOOL[n]).filter((s): s is string => s !== undefined);
  return [...new Set([...tied, ...DEFAULTS])].slice(0, 3);
};
