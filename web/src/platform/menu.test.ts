import { lazy } from 'react';
import { describe, expect, it } from 'vitest';
import { capabilities } from '../capabilities';
import { buildMenu, menuLeaves } from './menu';

const t = (key: string) => key;
const holding = (...permissions: string[]) => (permission: string) => permissions.includes(permission);
const paths = (permissions: string[]) => menuLeaves(buildMenu(capabilities, holding(...permissions), t)).map((item) => item.path);

describe('the menu', () => {
  it('holds every page in the order the console always had, for one who may use them all', () => {
    const all = ['customers:read', 'customers:write', 'users:read', 'audit:read', 'sync:read', 'system:monitor'];
    expect(buildMenu(capabilities, holding(...all), t).map((item) => item.path)).toEqual([
      '/dashboard',
      '/customer-management',
      '/imports',
      '/system',
    ]);
    expect(paths(all)).toEqual([
      '/dashboard',
      '/customers',
      '/contacts',
      '/visits',
      '/imports',
      '/system/users',
      '/system/roles',
      '/system/audit',
      '/system/sync',
      '/system/monitor',
    ]);
  });

  it('leaves out what the user may not use: no audit entry without audit:read', () => {
    const staff = paths(['customers:read', 'customers:write']);
    expect(staff).not.toContain('/system/audit');
    expect(staff).toEqual(['/dashboard', '/customers', '/contacts', '/visits', '/imports']);
    expect(paths(['audit:read'])).toEqual(['/dashboard', '/system/audit']);
  });

  it('drops a group left empty', () => {
    const menu = buildMenu(capabilities, holding('customers:read'), t);
    expect(menu.map((item) => item.path)).toEqual(['/dashboard', '/customer-management']);
  });

  it('takes an entry\'s permission from its route when the entry names none', () => {
    const toy = {
      name: 'toy',
      routes: [{ path: '/toy', page: lazy(async () => ({ default: () => null })), permission: 'toy:read' }],
      menu: [{ path: '/toy', label: 'menu.toy', icon: null, order: 1 }],
      messages: { 'zh-CN': {}, 'en-US': {} },
    };
    expect(buildMenu([toy], holding(), t)).toEqual([]);
    expect(buildMenu([toy], holding('toy:read'), t).map((item) => item.name)).toEqual(['menu.toy']);
  });
});
