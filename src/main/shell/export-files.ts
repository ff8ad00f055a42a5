/**
 * The shell's side of the audit export: Electron's save dialog asks the agent where the file
 * goes (their documents folder by default), and the system's file manager shows it once
 * written. Plain code over a small dialog/shell surface, so tests pass fakes.
 */
import { join } from 'node:path';
import type { Locale } from '../../shared/domain';
import type { ExportFiles } from '../audit/audit-service';

/** The part of Electron's `dialog` used here (its options as Electron's SaveDialogOptions). */
export interface SaveDialogLike<W> {
  showSaveDialog(
    window: W,
    options: {
      title: string;
      defaultPath: string;
      buttonLabel: string;
      filters: Array<{ name: string; extensions: string[] }>;
      properties: Array<'createDirectory' | 'showOverwriteConfirmation'>;
    },
  ): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface FileManagerLike {
  showItemInFolder(fullPath: string): void;
}

const WORDS = {
  fr: { title: 'Enregistrer l’export du journal', button: 'Enregistrer', csv: 'Tableur (CSV)', jsonl: 'JSON Lines' },
  en: { title: 'Save the audit export', button: 'Save', csv: 'Spreadsheet (CSV)', jsonl: 'JSON Lines' },
} as const;

export function exportFilesThroughShell<W>(options: {
  dialog: SaveDialogLike<W>;
  fileManager: FileManagerLike;
  /** The console window the dialog belongs to (modal to it); null once it is closed. */
  window: () => W | null;
  /** Where the dialog opens (the agent's documents folder). */
  folder: () => string;
  locale: () => Locale;
}): ExportFiles {
  return {
    async choosePath(fileName, format) {
      const window = options.window();
      if (window === null) return null;
      const words = WORDS[options.locale()];
      const answer = await options.dialog.showSaveDialog(window, {
        title: words.title,
        defaultPath: join(options.folder(), fileName),
        buttonLabel: words.button,
        filters: [{ name: words[format], extensions: [format] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
    reveal(path) {
      options.fileManager.showItemInFolder(path);
    },
  };
}
