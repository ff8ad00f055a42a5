import { describe, expect, it } from 'vitest';
import { exportFilesThroughShell, type SaveDialogLike } from '../../../../src/main/shell/export-files';

type Window = { id: number };

function fakes(answer: { canceled: boolean; filePath?: string }) {
  const asked: Array<{ window: Window; options: Parameters<SaveDialogLike<Window>['showSaveDialog']>[1] }> = [];
  const shown: string[] = [];
  const dialog: SaveDialogLike<Window> = {
    async showSaveDialog(window, options) {
      asked.push({ window, options });
      return answer;
    },
  };
  return { asked, shown, dialog, fileManager: { showItemInFolder: (path: string) => shown.push(path) } };
}

describe('audit exports through the shell', () => {
  it('asks where to save, modal to the console, in the documents folder, in the console’s language', async () => {
    const f = fakes({ canceled: false, filePath: '/home/agent/Bureau/revue.csv' });
    const files = exportFilesThroughShell({ dialog: f.dialog, fileManager: f.fileManager, window: () => ({ id: 1 }), folder: () => '/home/agent/Documents', locale: () => 'fr' });
    expect(await files.choosePath('guichet-audit-20261201.csv', 'csv')).toBe('/home/agent/Bureau/revue.csv');
    expect(f.asked).toEqual([
      {
        window: { id: 1 },
        options: {
          title: 'Enregistrer l’export du journal',
          defaultPath: '/home/agent/Documents/guichet-audit-20261201.csv',
          buttonLabel: 'Enregistrer',
          filters: [{ name: 'Tableur (CSV)', extensions: ['csv'] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      },
    ]);
    files.reveal('/home/agent/Bureau/revue.csv');
    expect(f.shown).toEqual(['/home/agent/Bureau/revue.csv']);
  });

  it('a closed dialog, or no window, writes nothing', async () => {
    const f = fakes({ canceled: true });
    const english = exportFilesThroughShell({ dialog: f.dialog, fileManager: f.fileManager, window: () => ({ id: 1 }), folder: () => '/tmp', locale: () => 'en' });
    expect(await english.choosePath('a.jsonl', 'jsonl')).toBeNull();
    expect(f.asked[0]!.options).toMatchObject({ title: 'Save the audit export', filters: [{ name: 'JSON Lines', extensions: ['jsonl'] }] });
    const closed = exportFilesThroughShell({ dialog: f.dialog, fileManager: f.fileManager, window: () => null, folder: () => '/tmp', locale: () => 'fr' });
    expect(await closed.choosePath('a.csv', 'csv')).toBeNull();
    expect(f.asked).toHaveLength(1);
  });
});
