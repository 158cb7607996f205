/** Splits text after each ". " so the pieces, joined, are exactly the text: how a rule-based answer is streamed. */
export const splitIntoSentences = (text: string): ReadonlyArray<string> => text.split(/(?<=\. )/).filter((s) => s !== '');
