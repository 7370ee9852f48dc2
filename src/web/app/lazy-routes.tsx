import { lazy, type ComponentType } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequireCapability } from './guards';
import type { Capability } from './roles';

/** A page component from its module, loaded as its own chunk the first time the route renders. */
export function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** A route whose page only users with the capability reach (the API still decides what they may do). */
export const guarded = (path: string, capability: Capability, Page: ComponentType): RouteObject => ({
  path,
  element: (
    <RequireCapability capability={capability}>
      <Page />
    </RequireCapability>
  ),
});
