import { admin } from './admin/capability';
import { audit } from './audit/capability';
import { calendars } from './calendars/capability';
import { customers } from './customers/capability';
import { dashboard } from './dashboard/capability';
import { imports } from './imports/capability';
import { frame } from './layout/capability';
import { messages } from './messages/capability';
import type { Capability } from './platform/capability';
import { profile } from './profile/capability';
import { reports } from './reports/capability';
import { sync } from './sync/capability';
import { system } from './system/capability';

/**
 * Every capability of the console. The routes, the menu, the message catalogues and the
 * dashboard are built from this list; adding a capability is its folder and one line here.
 */
export const capabilities: readonly Capability[] = [frame, dashboard, messages, customers, imports, reports, admin, audit, sync, system, calendars, profile];
