import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app, clipboard, dialog, shell, type BrowserWindow } from 'electron';
import { aboutText, diagnosticSummary, readDataSources, type DiagnosticFacts } from './about';

/**
 * Help → About, Open logs folder, Report a problem. The texts come from about.ts (tested under
 * Node); this file only shows them.
 */
export interface HelpActions {
  about(): Promise<void>;
  openLogsFolder(): Promise<void>;
  reportProblem(): Promise<void>;
}

export function createHelpActions(options: {
  window: () => BrowserWindow | null;
  resourcesRoot: string;
  logsDir: string;
  /** Facts from the services (SQLite version, schema version), read when asked. */
  appFacts: () => { sqlite: string; schemaVersion: number };
  onError: (what: string, error: unknown) => void;
}): HelpActions {
  const { licence, homepage } = packageFacts();
  const show = (box: Electron.MessageBoxOptions) => {
    const owner = options.window();
    return owner ? dialog.showMessageBox(owner, box) : dialog.showMessageBox(box);
  };

  return {
    async about() {
      const { message, detail } = aboutText({
        name: app.getName(),
        version: app.getVersion(),
        licence,
        homepage,
        versions: {
          electron: process.versions.electron,
          chrome: process.versions.chrome,
          node: process.versions.node,
        },
        dataSources: readDataSources(options.resourcesRoot),
      });
      await show({
        type: 'info',
        title: `About ${app.getName()}`,
        message,
        detail,
        buttons: ['OK'],
      });
    },

    async openLogsFolder() {
      fs.mkdirSync(options.logsDir, { recursive: true });
      const error = await shell.openPath(options.logsDir);
      if (error) options.onError(`could not open ${options.logsDir}: ${error}`, null);
    },

    async reportProblem() {
      const facts = options.appFacts();
      const summary: DiagnosticFacts = {
        name: app.getName(),
        version: app.getVersion(),
        packaged: app.isPackaged,
        versions: {
          electron: process.versions.electron ?? null,
          chrome: process.versions.chrome ?? null,
          node: process.versions.node,
          sqlite: facts.sqlite,
        },
        schemaVersion: facts.schemaVersion,
        os: {
          platform: process.platform,
          release: os.release(),
          arch: process.arch,
          version: os.version(),
        },
        locale: app.getLocale(),
      };
      const text = diagnosticSummary(summary);
      clipboard.writeText(text);
      await show({
        type: 'info',
        title: 'Report a problem',
        message: 'A diagnostic summary is on the clipboard.',
        detail: `Paste it into your report, with what you did and what happened. It holds no file paths or strategy data:\n\n${text}`,
        buttons: ['OK'],
      });
    },
  };
}

/** Licence and homepage from the app's package.json (inside the asar when packaged). */
function packageFacts(): { licence: string; homepage?: string } {
  try {
    const file = path.join(app.getAppPath(), 'package.json');
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      license?: string;
      homepage?: string;
    };
    return {
      licence: pkg.license ?? 'unknown',
      ...(pkg.homepage ? { homepage: pkg.homepage } : {}),
    };
  } catch {
    return { licence: 'unknown' };
  }
}
