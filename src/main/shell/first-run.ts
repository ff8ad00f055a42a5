/**
 * The first-run screen of an app with no configuration: where Guichet looked, in order, and
 * what to put there. A static page written by main (no script, no bridge), served by the
 * app:// handler under the same CSP as the console.
 */
import type { ConfigPlace } from '../config/load';
import type { ShellLocale } from './start-failure';

export const FIRST_RUN_PATH = '/first-run.html';

export interface FirstRunInfo {
  looked: ConfigPlace[];
  /** Where the configuration file goes (the data folder's guichet.yaml). */
  target: string;
  /** The documented example shipped with the app. */
  example: string;
}

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const TEXTS = {
  fr: {
    title: 'Guichet n’est pas encore configuré',
    intro: 'Guichet a cherché sa configuration à ces endroits, dans cet ordre, et n’en a trouvé aucune :',
    place: {
      flag: (n: string) => `l’option <code>${n}=chemin/guichet.yaml</code> de la ligne de commande : absente ;`,
      env: (n: string) => `la variable d’environnement <code>${n}</code> : absente ;`,
      file: (n: string) => `le fichier <code>${n}</code> : absent.`,
    },
    what: 'Ce qu’il faut y mettre',
    steps: [
      (i: FirstRunInfo) => `Copiez l’exemple fourni avec Guichet, <code>${escapeHtml(i.example)}</code>, vers <code>${escapeHtml(i.target)}</code>.`,
      () =>
        'Renseignez-y l’annuaire de l’établissement : les URL <code>ldaps://</code> (ou StartTLS) et le certificat de l’autorité, la branche des personnes, les groupes des agents et des superviseurs, le relais de messagerie.',
      () => 'Le mot de passe du compte de service n’y figure jamais : il est lu dans la variable d’environnement que le fichier nomme.',
      () => 'Fermez cette fenêtre et relancez Guichet : un fichier invalide est refusé avec le nom du champ en cause.',
    ],
    demo: 'Pour essayer Guichet sans annuaire, l’annuaire de démonstration se lance depuis les sources avec <code>npm run demo</code> ; l’application installée ne s’y connecte jamais d’elle-même.',
  },
  en: {
    title: 'Guichet is not configured yet',
    intro: 'Guichet looked for its configuration in these places, in this order, and found none:',
    place: {
      flag: (n: string) => `the <code>${n}=path/guichet.yaml</code> command-line option: not given;`,
      env: (n: string) => `the <code>${n}</code> environment variable: not set;`,
      file: (n: string) => `the file <code>${n}</code>: missing.`,
    },
    what: 'What to put there',
    steps: [
      (i: FirstRunInfo) => `Copy the example shipped with Guichet, <code>${escapeHtml(i.example)}</code>, to <code>${escapeHtml(i.target)}</code>.`,
      () =>
        'Fill in the institution’s directory: the <code>ldaps://</code> (or StartTLS) URLs and the CA certificate, the people branch, the agent and supervisor groups, the mail relay.',
      () => 'The service account’s password never goes in it: it is read from the environment variable the file names.',
      () => 'Close this window and start Guichet again: an invalid file is refused with the name of the field at fault.',
    ],
    demo: 'To try Guichet without a directory, the demo directory runs from the sources with <code>npm run demo</code>; the installed app never connects to it by itself.',
  },
} as const;

export function firstRunPage(info: FirstRunInfo, locale: ShellLocale): string {
  const t = TEXTS[locale];
  const places = info.looked.map((p) => `<li>${t.place[p.kind](escapeHtml(p.name))}</li>`).join('');
  const steps = t.steps.map((step) => `<li>${step(info)}</li>`).join('');
  return [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${t.title} – Guichet</title></head>`,
    `<body><main><h1>${t.title}</h1>`,
    `<p>${t.intro}</p><ol>${places}</ol>`,
    `<h2>${t.what}</h2><ol>${steps}</ol>`,
    `<p>${t.demo}</p>`,
    '</main></body></html>',
  ].join('\n');
}
