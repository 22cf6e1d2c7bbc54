import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';

/** A nested message catalogue: keys to texts or to further catalogues (i18next's shape). */
export interface Messages {
  [key: string]: string | Messages;
}

/** A page of the console: a path (react-router syntax) and the page, loaded when first opened. */
export interface CapabilityRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Who may open it; anyone logged in when absent. Others see the 403 page. */
  permission?: string;
  /** Message key of its title in the strip of open pages; a page without one gets no tab. */
  title?: string;
}

/** A folder of the menu that entries of any capability can join by its `path`. */
export interface MenuGroup {
  path: string;
  label: string; // message key
  icon: ReactNode;
  order: number; // smaller first, among groups and top-level entries
}

/** A menu entry: it opens the route of the same path. */
export interface MenuEntry {
  path: string;
  label: string; // message key
  icon: ReactNode;
  /** Who sees it; the permission of the route of the same path when absent. */
  permission?: string;
  /** The `path` of the MenuGroup it sits in; top level when absent. */
  group?: string;
  order: number; // smaller first within its level
}

/** A card of the dashboard, shown to those holding `permission` (everyone when absent). */
export interface DashboardCard {
  key: string;
  card: LazyExoticComponent<ComponentType>;
  permission?: string;
  order: number;
  /** The user's own to-do (待办: messages, approvals, tasks): shown first; a user whose only
   *  cards are to-do cards also gets the shortcuts to their pages. */
  todo?: boolean;
}

/**
 * What one folder of the console brings: its pages, menu entries, texts and dashboard cards.
 * Registered by one line in `src/capabilities.ts`; nothing else names it.
 */
export interface Capability {
  name: string;
  routes: CapabilityRoute[];
  menuGroups?: MenuGroup[];
  menu?: MenuEntry[];
  /** Its texts in both languages, merged into the console's catalogue at start-up; the same
   *  keys in both (i18n/catalogue.test.ts). Error texts go under `errors.<code>`, field
   *  names (for `{{field}}` in them) under `fields.<jsonName>`. */
  messages: { 'zh-CN': Messages; 'en-US': Messages };
  dashboardCards?: DashboardCard[];
}
