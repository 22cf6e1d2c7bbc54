// The messages of the identity module's error codes (see node/common/error_catalogue.h).
#include "modules/identity/identity_errors.h"

namespace mams::identity {

const std::vector<ErrorMessage>& IdentityErrorMessages() {
  static const std::vector<ErrorMessage> kMessages = {
      // Signing in, sessions and tokens.
      {"invalid_credentials", "用户名或密码错误", "wrong user name or password"},
      {"account_locked", "登录失败次数过多，请[ {minutes} 分钟]后再试",
       "too many failed attempts; try again in {minutes} minutes"},
      {"json_required", "请以 application/json 格式发送请求体",
       "send the body as application/json"},
      {"session_unknown", "会话已失效，请重新登录", "log in first (session_unknown)"},
      {"token_unknown", "API 令牌无效，请重新登录或换用有效令牌", "log in first (token_unknown)"},
      {"token_revoked", "API 令牌已被吊销", "log in first (token_revoked)"},
      {"user_disabled", "该用户已停用", "log in first (user_disabled)"},
      // Second factor (TOTP).
      // Both a second factor's code that does not match and a role code of the wrong form.
      {"invalid_code", "代码不正确[，应为 {min}–{max} 位小写字母、数字或“_”]",
       "the code does not match"},
      {"totp_already_enrolled", "已设置动态码（TOTP），如需重置请联系管理员",
       "TOTP is already set up; an administrator can reset it"},
      {"totp_not_started", "请先开始设置动态码（TOTP）", "start TOTP enrolment first"},
      {"totp_not_enrolled", "请先设置动态码（TOTP）", "set up TOTP first"},
      // Passwords.
      {"wrong_password", "当前密码不正确", "the current password is wrong"},
      {"password_unchanged", "新密码不能与当前密码相同",
       "the new password must differ from the current one"},
      {"invalid_utf8", "密码必须是有效的 UTF-8 文本", "password must be valid UTF-8 text"},
      {"too_short", "密码至少需要[ {min} ]个字符", "password must have at least {min} characters"},
      {"too_long", "密码最多只能有[ {max} ]个字符", "password must have at most {max} characters"},
      {"contains_username", "密码不能包含用户名", "password must not contain the user name"},
      {"too_few_classes",
       "密码必须包含以下 4 类字符中的至少[ {classes} ]类：小写字母、大写字母、数字、其他字符",
       "password must contain at least {classes} of these 4 kinds of characters"},
      {"common_password", "密码不能是常见密码、重复字符或键盘、数字序列",
       "password must not be a common password, a repeated character or a keyboard or number "
       "sequence"},
      // Users and roles.
      {"invalid_username", "用户名为 3–64 位字母、数字、“.”、“_”或“-”",
       "username: 3-64 letters, digits, '.', '_' or '-'"},
      {"invalid_display_name", "显示名称为 1–128 个字符", "displayName: 1-128 characters"},
      {"invalid_expiry", "有效天数须为 1–366", "expiresInDays: 1-366"},
      {"username_taken", "用户名[ {username} ]已被使用", "username '{username}' is taken"},
      {"own_roles", "不能修改自己的角色", "you cannot change your own roles"},
      {"unknown_role", "角色[ {role} ]不存在", "no role '{role}'"},
      {"unknown_permission", "权限[ {permission} ]不存在", "no permission '{permission}'"},
      {"role_exists", "角色[ {role} ]已存在", "role '{role}' exists"},
      {"separation_of_duties", "该角色组合违反职责分离规则",
       "the roles break the separation of duties"},
  };
  return kMessages;
}

}  // namespace mams::identity
