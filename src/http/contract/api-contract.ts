import { accountContract } from './account-contract';
import { aiContract } from './ai-contract';
import { operationsContract } from './operations-contract';
import { portfolioContract } from './portfolio-contract';
import { priceContract } from './price-contract';
import type { RouteContract } from './route-contract';
import { txContract } from './tx-contract';

/** Every route the server answers, as the OpenAPI document states it (tests check both directions). */
export const API_CONTRACT: ReadonlyArray<RouteContract> = [...operationsContract, ...portfolioContract, ...priceContract, ...accountContract, ...aiContract, ...txContract];
