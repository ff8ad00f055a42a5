/** What every feature's slice is made of: its state and actions, its personal data at rest, and how it clears them. */
import type { StateCreator } from 'zustand';
import type { GuichetApi } from '../../../shared/contract';
import type { ClearReason, DeskPorts } from './desk-ports';
import type { LatestRequest } from './latest-request';

/** What a slice is built with, one per store. */
export interface SliceContext {
  /** The preload's methods; each resolves to a Result, never throws. */
  api: GuichetApi;
  /** A new stale-answer guard; the store invalidates every guard on sign-out and lock. */
  latestRequest: () => LatestRequest;
}

/** The slice's fields that hold data, not its actions. */
export type DataKeys<S> = { [K in keyof S]-?: S[K] extends (...args: never[]) => unknown ? never : K }[keyof S];

/**
 * A feature's slice. `P` names its personal data (about the person at the desk, or what
 * the agent found); every other data field must be listed in `kept` with why it may
 * outlive them, so a new field cannot be forgotten by the clear (the compiler asks).
 */
export interface FeatureSlice<S extends object, P extends DataKeys<S>> {
  create: (context: SliceContext) => StateCreator<S & DeskPorts, [], [], S>;
  /** The personal data at rest: what sign-out leaves behind. */
  empty: Pick<S, P>;
  kept: { readonly [K in Exclude<DataKeys<S>, P>]: string };
  /** What the personal data becomes; the store applies every slice's clear in one update. */
  clear: (reason: ClearReason, state: S) => Partial<Pick<S, P>>;
}

/** Data about the open account: gone on sign-out, on lock, and when another account is opened. */
export function clearedWithAccount<E>(empty: E): () => E {
  return () => empty;
}

/** Data that outlives a change of account (search results, the audit page): gone on sign-out and lock. */
export function clearedOnLeaving<E>(empty: E): (reason: ClearReason) => Partial<E> {
  return (reason) => (reason === 'account-change' ? {} : empty);
}
