import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';

export type ChatRole = 'user' | 'assistant';

/** A chat message as written: content in clear here, encrypted in the table. */
export interface NewChatMessage {
  readonly id: string;
  readonly role: ChatRole;
  readonly content: string;
  readonly createdAt: Date;
  readonly provider?: string;
  readonly model?: string;
}

export interface StoredChatMessage {
  readonly id: string;
  readonly role: ChatRole;
  readonly content: string;
  readonly createdAt: Date;
}

/** A wallet's chat history, encrypted at rest. Every statement is scoped by the owning wallet. Filled by infra/db/chat-messages-repository.ts. */
export interface ChatMessagesRepository {
  /** Writes the messages in one statement (an exchange is stored whole or not at all). */
  readonly append: (wallet: WalletAddress, messages: ReadonlyArray<NewChatMessage>) => TE.TaskEither<AppError, void>;
  /** Up to `limit` messages older than `before` (an id of this wallet's, else NotFound), oldest first. */
  readonly page: (wallet: WalletAddress, limit: number, before: string | undefined) => TE.TaskEither<AppError, ReadonlyArray<StoredChatMessage>>;
  /** The newest `count` messages, oldest first: the window a model sees. */
  readonly recent: (wallet: WalletAddress, count: number) => TE.TaskEither<AppError, ReadonlyArray<StoredChatMessage>>;
  /** Deletes the wallet's history; returns how many messages were deleted. */
  readonly deleteAll: (wallet: WalletAddress) => TE.TaskEither<AppError, number>;
}
