import type zhCN from './zh-CN';

// profile: English texts, the same keys as zh-CN.ts.
const enUS: typeof zhCN = {
  menu: {
    profile: 'My profile',
  },
  profile: {
    title: 'My profile',
    currentPassword: 'Current password',
    newPassword: 'New password',
    confirmPassword: 'Repeat the new password',
    changePassword: 'Change password',
    changed: 'Password changed',
    mismatch: 'The two passwords differ',
  },
  fields: {
    currentPassword: 'Current password',
    newPassword: 'New password',
  },
};

export default enUS;
