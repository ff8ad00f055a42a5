/** French, the console's default language: every message, one file per feature. */
import { app, nav, status, roles } from './app';
import { signin, lock } from './session';
import { lookup } from './lookup';
import { affiliations, account } from './account';
import { verify } from './verification';
import { actions, slip, chosen, selfChange } from './password';
import { consents } from './consents';
import { activation } from './activation';
import { audit, outcomes, auditActions, evidence } from './audit';
import { common, words, hiddenChars, dateField, mailAddress, errors } from './shared';
import { desk } from './desk';
import { journal } from './journal';
import { lifecycle, note } from './lifecycle';
import { secondFactor, personSignIn } from './second-factor';
import { cardTimes, photo } from './card';
import { worklists } from './worklists';

export const fr = { app, nav, status, signin, audit, journal, roles, common, words, hiddenChars, lock, lookup, affiliations, account, outcomes, auditActions, evidence, verify, actions, slip, chosen, selfChange, consents, activation, desk, dateField, mailAddress, secondFactor, personSignIn, errors, lifecycle, note, cardTimes, photo, worklists };

/** Every message's key; English must have exactly these, and `t()` accepts only these. */
export type Messages = typeof fr;
