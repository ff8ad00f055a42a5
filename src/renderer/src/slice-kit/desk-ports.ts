/** What one slice may ask of the others through the store's `get()`, declared once so that features never import each other's slices. */
import type { AccountCard } from '../../../shared/account';
import type { AuditAction } from '../../../shared/audit-events';
import type { AppStatus } from '../../../shared/contract/app';
import type { DeskNote } from '../../../shared/desk-note';
import type { WorklistId } from '../../../shared/contract/worklists';

export type Screen = 'signin' | 'worklists' | 'lookup' | 'account' | 'activation' | 'audit';

/** Why personal data is cleared: the agent signed out, the session locked, or another account was opened. */
export type ClearReason = 'sign-out' | 'lock' | 'account-change';

/**
 * The store provides every port (it is checked where the store is built); a slice sees
 * the other features only through these, so each can be read, tested and changed alone.
 */
export interface DeskPorts {
  /** app */
  navigate: (screen: Screen) => void;
  /** app: the screen shown. */
  screen: Screen;
  /** app: any call that found the directory down re-checks the status at once, so the banner shows. */
  noteDirectoryError: (code: string) => void;
  /** account: the open card, whose DN every account call is for. */
  card: AccountCard | null;
  /** account: opens a person's card (a search answer the agent asked to open). */
  openAccount: (dn: string, fromWorklist?: WorklistId) => Promise<void>;
  /** account: closes the card (the next person in the queue). */
  closeAccount: () => void;
  /** account: re-reads the open card after an action. */
  refreshAccount: () => Promise<void>;
  /** account: reopens the card that was open when the session locked. */
  resumeAccount: () => void;
  /** verification: the open account's verification state. */
  loadVerification: (dn: string) => Promise<void>;
  /** consents: the open account's consents. */
  loadConsents: () => Promise<void>;
  /** app: the console's status, with the desk's rules (notes, lifecycle). */
  status: AppStatus | null;
  /** desk-note: the agent's note for these trail events, or null when it does not meet the rules (the form then says why). */
  noteFor: (actions: readonly AuditAction[]) => DeskNote | null;
  /** desk-note: blank again after a successful action. */
  clearDeskNote: () => void;
  /** store: every slice clears its personal data. */
  clearPersonalData: (reason: ClearReason) => void;
}
