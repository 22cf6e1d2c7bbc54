// profile: 简体中文 texts (the same keys in en-US.ts).
const zhCN = {
  menu: {
    profile: '个人中心',
  },
  profile: {
    title: '个人中心',
    currentPassword: '当前密码',
    newPassword: '新密码',
    confirmPassword: '确认新密码',
    changePassword: '修改密码',
    changed: '密码已修改',
    mismatch: '两次输入的密码不一致',
  },
  fields: {
    currentPassword: '当前密码',
    newPassword: '新密码',
  },
};

export default zhCN;
