import { getContext, setContext } from 'svelte';
import type { Workspace } from './workspace.svelte';

const KEY = Symbol('workspace');

/** Provides the open draft's workspace to every component below (call during component init). */
export function setWorkspace(workspace: Workspace): Workspace {
  return setContext(KEY, workspace);
}

/** The open draft's workspace; throws when used outside a workspace provider. */
export function getWorkspace(): Workspace {
  const workspace = getContext<Workspace | undefined>(KEY);
  if (!workspace)
    throw new Error('getWorkspace() used outside a workspace (see DraftWorkspace.svelte)');
  return workspace;
}

/** The open draft's workspace, or undefined outside one (a component shown in both places). */
export function findWorkspace(): Workspace | undefined {
  return getContext<Workspace | undefined>(KEY);
}
