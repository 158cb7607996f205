export interface DirectiveScope {
  /** The directive name, e.g. "limit_req_zone". */
  readonly name: string;
  /** The whole statement with whitespace collapsed, e.g. "limit_req zone=api burst=40 nodelay". */
  readonly statement: string;
  /** The enclosing blocks from the outside in, e.g. ["http", "server", "location /api/"]. */
  readonly blocks: ReadonlyArray<string>;
}

const collapse = (text: string): string => text.trim().replace(/\s+/g, ' ');

/**
 * Every simple directive of an nginx config with the blocks that enclose it, found by brace depth.
 * Braces inside quoted strings ('...' or "...") and comments (# to end of line) do not count.
 * Throws on unbalanced braces.
 */
export const directiveScopes = (source: string): DirectiveScope[] => {
  const found: DirectiveScope[] = [];
  const blocks: string[] = [];
  let statement = '';
  let quote: '"' | "'" | undefined;
  let inComment = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source.charAt(i);
    if (inComment) {
      if (ch === '\n') inComment = false;
      continue;
    }
    if (quote !== undefined) {
      statement += ch;
      if (ch === '\\') {
        statement += source.charAt(i + 1);
        i += 1;
      } else if (ch === quote) {
        quote = undefined;
      }
      continue;
    }
    if (ch === '#') {
      inComment = true;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      statement += ch;
    } else if (ch === '{') {
      blocks.push(collapse(statement));
      statement = '';
    } else if (ch === '}') {
      if (blocks.pop() === undefined) throw new Error(`unbalanced "}" at offset ${i}`);
      statement = '';
    } else if (ch === ';') {
      const text = collapse(statement);
      found.push({ name: text.split(' ')[0] ?? '', statement: text, blocks: [...blocks] });
      statement = '';
    } else {
      statement += ch;
    }
  }
  if (blocks.length > 0) throw new Error(`unclosed block(s): ${blocks.join(' > ')}`);
  return found;
};
