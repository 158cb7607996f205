import type { RequestHandler, Response } from 'express';

/**
 * The policy of every JSON answer: the API serves no page, so nothing may load and nothing may frame it.
 * It names no origin at all, so no upstream (the RPC, CoinGecko) ever shows in a header.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The browsable /api/docs page: its own inline styles, no script, no form, no framing. */
export const DOCS_PAGE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Sets the API policy on every response; a route serving a page replaces it with `useDocsPagePolicy`. */
export const contentSecurityPolicy = (): RequestHandler => (_req, res, next) => {
  res.setHeader('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
  next();
};

export const useDocsPagePolicy = (res: Response): void => {
  res.setHeader('Content-Security-Policy', DOCS_PAGE_CONTENT_SECURITY_POLICY);
};
