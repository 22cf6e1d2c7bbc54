import { describe, expect, it } from 'vitest';
import { changedValues } from './changedValues';

const user = {
  username: 'zhang.san',
  displayName: '张三',
  org: 'HQ',
  roles: ['account_manager'],
  phone: '',
  disabled: false,
};

describe('changedValues (the body of an edit\'s PATCH)', () => {
  it.each([
    ['only the display name, never the username the form shows disabled', { ...user, displayName: '张三丰' }, { displayName: '张三丰' }],
    ['nothing when nothing changed', { ...user }, {}],
    ['a list whose content changed, whole', { ...user, roles: ['account_manager', 'local_staff'] }, { roles: ['account_manager', 'local_staff'] }],
    ['a switch flipped', { ...user, disabled: true }, { disabled: true }],
    ['a field emptied', { ...user, phone: '', displayName: '' }, { displayName: '' }],
  ])('sends %s', (_case, values, expected) => {
    expect(changedValues(values, user)).toEqual(expected);
  });

  it('sends every value when there is nothing to compare with', () => {
    expect(changedValues(user, undefined)).toEqual(user);
  });
});
