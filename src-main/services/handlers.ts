import type { Database } from 'better-sqlite3';
import type { Handlers } from '../contract/dispatch';
import { getAppInfo, type HostInfo } from './app-info';
import { DraftsService, type DraftsServiceOptions } from './drafts';
import { SettingsService } from './settings';

export interface ServiceDeps {
  db: Database;
  host: HostInfo;
  drafts?: DraftsServiceOptions;
}

/**
 * The contract implemented by calling services. Handlers stay one-liners: inputs arrive
 * validated (see contract/dispatch.ts), and services throw ContractError for expected failures.
 */
export function createHandlers(deps: ServiceDeps): Handlers {
  const drafts = new DraftsService(deps.db, deps.drafts);
  const settings = new SettingsService(deps.db);
  return {
    'app.info': (_input, ctx) => getAppInfo(deps.db, deps.host, ctx.transport),

    'drafts.create': (input) => drafts.create(input),
    'drafts.list': (input) => drafts.list(input),
    'drafts.open': ({ id }) => drafts.open(id),
    'drafts.rename': ({ id, name }) => drafts.rename(id, name),
    'drafts.duplicate': ({ id }) => drafts.duplicate(id),
    'drafts.delete': ({ id }) => drafts.delete(id),
    'drafts.restore': ({ id }) => drafts.restore(id),
    'drafts.save': (input) => drafts.save(input),
    'drafts.revisions': ({ id, limit }) => drafts.revisions(id, limit),

    'settings.get': () => settings.get(),
    'settings.set': ({ patch }) => settings.set(patch),
  };
}
