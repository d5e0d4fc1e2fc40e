import type { Migration } from './index';

/**
 * The editor's text while it does not parse as JSON (mid-typing): kept beside the last valid
 * document so closing the app at that moment loses nothing. NULL when the document is current.
 * Not part of revisions, which hold valid documents only.
 */
export const m004DraftUnparsedText: Migration = {
  version: 4,
  name: 'draft-unparsed-text',
  up: (db) => {
    db.exec('ALTER TABLE drafts ADD COLUMN unparsed_text TEXT');
  },
};
