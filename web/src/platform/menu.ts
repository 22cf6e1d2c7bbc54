import type { ReactNode } from 'react';
import type { Capability } from './capability';

/** A menu item as ProLayout takes it. */
export interface MenuItem {
  path: string;
  name: string;
  icon: ReactNode;
  routes?: MenuItem[];
}

/**
 * The menu a user sees: every capability's entries the user's permissions open, in their
 * groups, ordered; a group left empty disappears. `can` says whether the user holds a
 * permission, `t` translates a message key.
 */
export function buildMenu(
  capabilities: readonly Capability[],
  can: (permission: string) => boolean,
  t: (key: string) => string,
): MenuItem[] {
  const routePermission = new Map<string, string | undefined>();
  for (const capability of capabilities) {
    for (const route of capability.routes) routePermission.set(route.path, route.permission);
  }
  const entries = capabilities
    .flatMap((capability) => capability.menu ?? [])
    .filter((entry) => {
      const permission = entry.permission ?? routePermission.get(entry.path);
      return !permission || can(permission);
    })
    .sort((a, b) => a.order - b.order);
  const groups = capabilities.flatMap((capability) => capability.menuGroups ?? []);

  const top: { order: number; item: MenuItem }[] = entries
    .filter((entry) => !entry.group)
    .map((entry) => ({ order: entry.order, item: { path: entry.path, name: t(entry.label), icon: entry.icon } }));
  for (const group of groups) {
    const inside = entries.filter((entry) => entry.group === group.path);
    if (inside.length === 0) continue;
    top.push({
      order: group.order,
      item: {
        path: group.path,
        name: t(group.label),
        icon: group.icon,
        routes: inside.map((entry) => ({ path: entry.path, name: t(entry.label), icon: entry.icon })),
      },
    });
  }
  return top.sort((a, b) => a.order - b.order).map(({ item }) => item);
}

/** The menu's leaves in order: the pages a user may open from it (dashboard shortcuts). */
export function menuLeaves(menu: readonly MenuItem[]): MenuItem[] {
  return menu.flatMap((item) => (item.routes ? menuLeaves(item.routes) : [item]));
}
