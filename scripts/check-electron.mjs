#!/usr/bin/env node
// postinstall: make sure the Electron desktop shell is there, fetching it if possible.
// Never fails the install: the tests and the loopback server do not need Electron.
import { downloadElectron, electronBinary, UNAVAILABLE_LINE } from './electron-binary.mjs';

try {
  if (!electronBinary() && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1') {
    await downloadElectron();
  }
  if (!electronBinary()) console.log(UNAVAILABLE_LINE);
} catch {
  console.log(UNAVAILABLE_LINE);
}
process.exitCode = 0;
