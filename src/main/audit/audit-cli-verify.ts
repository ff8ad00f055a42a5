/** `guichet-audit verify` and `guichet-audit key`: which key vouches for a trail or an export, and what the check proves, in plain French. */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { IntegrityAlarm, IntegrityBreak, VerifyResult } from '../../shared/contract/audit';
import { verifyDatabase } from './audit-verify';
import { checkpointPathFor, keyPathFor } from './audit-writer';
import { loadSigningKey, readCheckpoint, type PinKeys } from './checkpoint';
import { openAuditDatabase } from './database';
import { deskKeyFromCheckpointKey, publicKeyPathFor, readDeclaredPublicKey } from './desk-signing-key';
import { keyFingerprint, publicKeyBase64, publicKeyFromBase64 } from './ed25519';
import { compareWithExport } from './export-reference';
import { readExportFile, verifyExportFile, type ExportVerifyResult } from './export-verify';
import { createFileKeystore } from './keystore';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const EXIT_OK = 0;
export const EXIT_BROKEN = 1;
export const EXIT_USAGE = 2;
/** The file is whole, but nothing here authenticates it (no registered key given, unsigned, or an alarm on record). */
export const EXIT_UNVOUCHED = 3;

export const REASONS_FR: Record<IntegrityBreak, string> = {
  altered: 'événement modifié',
  missing: 'événement(s) manquant(s)',
  reordered: 'événements réordonnés',
  truncated: 'derniers événements supprimés (le point de contrôle ou l’en-tête indique une fin plus loin)',
  'checkpoint-signature': 'point de contrôle à la signature invalide (falsifié, ou signé par une autre clé que celle du poste)',
  'checkpoint-unreadable': 'point de contrôle absent, vide ou illisible',
  signature: 'signature de l’export absente, invalide ou d’une autre clé : en-tête ou lignes modifiés après l’export',
};

const fr = (n: number) => n.toLocaleString('fr-FR');

export interface KeyOptions {
  /** Where the file keystore is (default: next to the database). */
  keyDir?: string;
  /** The desk's public key as registered (base64): what the signatures must verify under. */
  publicKey?: string;
}

export interface VerifyOptions extends KeyOptions {
  /** Signed exports of this trail: the first event that differs from them is named, however the chain was recomputed. */
  references?: readonly string[];
}

/** SQLite files start with this header; anything else is treated as an export. */
export function isSqliteFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    readSync(fd, buffer, 0, 16, 0);
    return buffer.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

type KeySource = 'pinned' | 'keystore' | 'declared';

interface DeskKeys {
  keys: PinKeys;
  source: KeySource | null;
  /** What disagrees between the keys found (said, never silently resolved). */
  notes: string[];
}

const SOURCE_FR: Record<KeySource, string> = {
  pinned: 'clé enregistrée donnée par --public-key',
  keystore: 'clé scellée dans le coffre de ce dossier',
  declared: 'clé déclarée en clair dans le dossier, NON authentifiée',
};

/** The keys a trail's pins are checked with, and where the Ed25519 one comes from (the given key first). */
function deskKeysFor(dbPath: string, options: KeyOptions): DeskKeys {
  const keystore = createFileKeystore(options.keyDir ?? dirname(dbPath), { create: false });
  const opened = (path: string) => {
    try {
      return loadSigningKey(path, [keystore], false);
    } catch {
      return null;
    }
  };
  const hmacKey = opened(keyPathFor(dbPath));
  const sealed = hmacKey ? deskKeyFromCheckpointKey(hmacKey).verifyKey : null;
  const declared = readDeclaredPublicKey(dbPath);
  const pinned = options.publicKey ? publicKeyFromBase64(options.publicKey) : null;
  const notes: string[] = [];
  const differ = (a: KeyObject | null, b: KeyObject | null) => a !== null && b !== null && publicKeyBase64(a) !== publicKeyBase64(b);
  if (differ(pinned, sealed)) notes.push('Attention : la clé scellée dans ce dossier n’est pas celle donnée par --public-key.');
  if (differ(sealed ?? pinned, declared)) notes.push(`Attention : ${publicKeyPathFor(dbPath)} nomme une autre clé (${keyFingerprint(declared!)}).`);
  const [publicKey, source]: [KeyObject | null, KeySource | null] = pinned
    ? [pinned, 'pinned']
    : sealed
      ? [sealed, 'keystore']
      : declared
        ? [declared, 'declared']
        : [null, null];
  return { keys: { hmac: hmacKey, publicKey }, source, notes };
}

function brokenLine(result: { firstBadSeq: number; reason: IntegrityBreak; missing?: number; lastSeq?: number }, headSeq?: number): string {
  const { firstBadSeq: first, reason, missing, lastSeq } = result;
  switch (reason) {
    case 'checkpoint-unreadable':
      return (
        `NON GARANTI : ${REASONS_FR[reason]} — rien ne garantit ` +
        (lastSeq !== undefined ? `les ${fr(lastSeq - first + 1)} derniers événements (n° ${first} à ${lastSeq}), ni ` : '') +
        (first > 1 ? `qu’aucun événement après le n° ${first - 1} n’a été supprimé.` : 'qu’aucun événement n’a été supprimé à la fin.')
      );
    case 'altered':
      return lastSeq !== undefined
        ? `ALTÉRÉ : premier numéro en défaut entre ${first} et ${lastSeq} — événement modifié, puis la chaîne recalculée après lui : ` +
            `le premier événement modifié est l’un de ceux-là (aucun point de contrôle signé ne tombe plus près).`
        : `ALTÉRÉ : premier numéro en défaut ${first} — ${REASONS_FR[reason]}.`;
    case 'missing':
      return (
        `ALTÉRÉ : premier numéro en défaut ${first} — ${REASONS_FR[reason]}` +
        (missing !== undefined ? ` : ${fr(missing)} événement(s) manquant(s) (n° ${first} à ${first + missing - 1}).` : '.')
      );
    case 'truncated':
      return (
        `ALTÉRÉ : premier numéro en défaut ${first} — ${REASONS_FR[reason]}` +
        (missing !== undefined
          ? ` : au moins ${fr(missing)} événement(s) manquant(s) (n° ${first} à ${first + missing - 1}` +
            `${headSeq !== undefined && headSeq >= first ? ', remplacés par d’autres sous les mêmes numéros' : ''}) ; ` +
            'ceux écrits après le dernier point de contrôle signé, s’il y en a eu, ne peuvent pas être comptés.'
          : '.')
      );
    default:
      return `ALTÉRÉ : premier numéro en défaut ${first} — ${REASONS_FR[reason]}.`;
  }
}

function alarmLine(alarm: IntegrityAlarm): string {
  const when = `le n° ${alarm.seq} (${alarm.at})`;
  switch (alarm.kind) {
    case 'checkpoint-damaged':
    case 'checkpoint-missing':
      return (
        `Réserve : ${when} consigne qu’au démarrage le point de contrôle était ${alarm.kind === 'checkpoint-damaged' ? 'endommagé' : 'absent'} : ` +
        `rien ne garantit qu’aucun événement après le n° ${alarm.vouchedSeq} n’avait été supprimé avant (seule la copie centrale peut le trancher).`
      );
    default:
      return `Réserve : ${when} consigne qu’au démarrage le point de contrôle ne correspondait pas au journal (${alarm.kind === 'checkpoint-forged' ? 'signature invalide' : 'journal en contradiction'}).`;
  }
}

export async function verifyCommand(file: string, options: VerifyOptions, io: CliIo): Promise<number> {
  if (!existsSync(file)) {
    io.err(`Fichier introuvable : ${file}`);
    return EXIT_USAGE;
  }
  if (!isSqliteFile(file)) return printExportVerdict(await verifyExportFile(file, { publicKey: options.publicKey ? publicKeyFromBase64(options.publicKey) : null }), io);
  const desk = deskKeysFor(file, options);
  for (const note of desk.notes) io.err(note);
  const db = openAuditDatabase(file, { readonly: true, cacheSizeKiB: 4_096 });
  let result: VerifyResult;
  let headSeq: number;
  let differs = false;
  try {
    ({ result } = await verifyDatabase(db, { keys: desk.keys, checkpointPath: checkpointPathFor(file) }));
    headSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM events').pluck().get() as number;
    if (!result.intact) io.out(brokenLine(result, headSeq));
    for (const reference of options.references ?? []) differs = (await compareReference(db, reference, desk, io)) || differs;
  } finally {
    db.close();
  }
  if (!result.intact) return EXIT_BROKEN;
  const read = readCheckpoint(checkpointPathFor(file), desk.keys);
  const format = read.status === 'ok' ? read.format : null;
  // An old-format pin verifies only with the HMAC key, which came from the keystore.
  const authenticated = result.checkpoint === 'signed' && (format === 1 || (desk.source !== null && desk.source !== 'declared'));
  const fingerprint = desk.keys.publicKey ? keyFingerprint(desk.keys.publicKey) : null;
  const checkpoint =
    result.checkpoint === 'absent'
      ? 'aucun point de contrôle (journal vide)'
      : result.checkpoint === 'unsigned'
        ? 'point de contrôle présent mais signature NON vérifiée (aucune clé pour le vérifier ici : passez --public-key <clé enregistrée du poste>)'
        : format === 1
          ? 'point de contrôle signé (ancien format HMAC) vérifié avec la clé du coffre'
          : `point de contrôle signé par la clé ${fingerprint} (${SOURCE_FR[desk.source!]})`;
  io.out(`Intègre : ${fr(result.events)} événement(s) vérifié(s), n° ${result.fromSeq} à ${result.headSeq} ; ${checkpoint}.`);
  if (result.checkpoint === 'signed' && desk.source === 'declared' && format === 2)
    io.out('Pour l’authentifier : comparez cette empreinte à celle enregistrée pour ce poste, ou passez --public-key.');
  for (const alarm of result.alarms ?? []) io.out(alarmLine(alarm));
  const vouched = (authenticated || result.checkpoint === 'absent') && !result.alarms?.length;
  return differs ? EXIT_BROKEN : vouched ? EXIT_OK : EXIT_UNVOUCHED;
}

/** Authenticates a signed export under the trail's key, then names where the trail departs from it. True when it does. */
async function compareReference(db: Parameters<typeof compareWithExport>[0], path: string, desk: DeskKeys, io: CliIo): Promise<boolean> {
  const checked = existsSync(path) ? await verifyExportFile(path, { publicKey: desk.keys.publicKey }).catch(() => null) : null;
  if (!checked?.intact || !desk.keys.publicKey) {
    io.out(`Référence ${path} écartée : introuvable, altérée, ou non signée par la clé de ce journal.`);
    return false;
  }
  const comparison = await compareWithExport(db, path);
  const origin = `l’export signé ${path} (${checked.exportedAt}, ${fr(comparison.compared)} événement(s) comparés, ${SOURCE_FR[desk.source!]})`;
  if (!comparison.firstAltered && !comparison.missing) {
    io.out(`Conforme à ${origin}.`);
    return false;
  }
  if (comparison.firstAltered)
    io.out(
      `ALTÉRÉ : le n° ${comparison.firstAltered.seq} n’est plus celui de ${origin} ` +
        `(champs : ${comparison.firstAltered.fields.join(', ')}) : c’est le premier événement modifié parmi ceux que l’export contient.`,
    );
  if (comparison.missing)
    io.out(`ALTÉRÉ : ${fr(comparison.missing.count)} événement(s) de ${origin} absent(s) du journal (premier : n° ${comparison.missing.firstSeq}).`);
  return true;
}

function printExportVerdict(result: ExportVerifyResult, io: CliIo): number {
  if (!result.intact) {
    const kind = result.format?.toUpperCase() ?? '';
    io.out(
      result.reason === 'signature'
        ? `ALTÉRÉ : export ${kind} — ${REASONS_FR.signature}.`
        : `ALTÉRÉ : export ${kind} en défaut au n° ${result.firstBadSeq} — ${REASONS_FR[result.reason]}` +
            (result.missing !== undefined ? ` (${fr(result.missing)} événement(s) manquant(s))` : '') +
            '.',
    );
    return EXIT_BROKEN;
  }
  const range = result.fromSeq === null ? 'aucun événement' : `n° ${result.fromSeq} à ${result.toSeq}`;
  io.out(
    `Intègre : export ${result.format.toUpperCase()} de ${fr(result.events)} événement(s) (${range}), ` +
      (result.contiguous ? 'chaîne continue vérifiée de bout en bout.' : 'export filtré : chaque ligne vérifiée, et la chaîne entre lignes consécutives.'),
  );
  const from = result.workstation ? ` du poste ${result.workstation}` : '';
  if (result.signer === 'pinned') io.out(`Signé${from} par la clé enregistrée ${keyFingerprint(result.publicKey!)} (${result.exportedAt}).`);
  else if (result.signer === 'declared')
    io.out(
      `Signature valide sous la clé que l’export déclare lui-même (${keyFingerprint(result.publicKey!)}), NON authentifiée : ` +
        `passez --public-key <clé enregistrée${from}> pour l’authentifier.`,
    );
  else io.out('Export NON signé (ancien format, ou exporté sans la clé du poste) : cohérent, mais rien ne prouve qu’il n’a pas été refait.');
  return result.signer === 'pinned' ? EXIT_OK : EXIT_UNVOUCHED;
}

/** Prints the desk's public key (first line alone, for scripts), its fingerprint and where it was read. */
export async function keyCommand(file: string, options: KeyOptions, io: CliIo): Promise<number> {
  if (!existsSync(file)) {
    io.err(`Fichier introuvable : ${file}`);
    return EXIT_USAGE;
  }
  if (!isSqliteFile(file)) {
    for await (const item of readExportFile(file)) {
      if (item.kind !== 'signature') continue;
      io.out(item.signature.publicKey);
      io.out(`Empreinte : ${keyFingerprint(item.signature.publicKey)}`);
      io.out('Source : la clé que l’export déclare lui-même (à comparer avec la clé enregistrée du poste).');
      return EXIT_OK;
    }
    io.err('Cet export n’est pas signé.');
    return EXIT_BROKEN;
  }
  const desk = deskKeysFor(file, { keyDir: options.keyDir });
  for (const note of desk.notes) io.err(note);
  if (!desk.keys.publicKey || !desk.source) {
    io.err(`Aucune clé de signature pour ce journal (ni coffre ouvrable, ni ${publicKeyPathFor(file)}).`);
    return EXIT_BROKEN;
  }
  io.out(publicKeyBase64(desk.keys.publicKey));
  io.out(`Empreinte : ${keyFingerprint(desk.keys.publicKey)}`);
  io.out(`Source : ${SOURCE_FR[desk.source]}.`);
  return EXIT_OK;
}
