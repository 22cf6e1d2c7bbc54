// The messages of the error codes node/ throws itself; each module declares its own.
#include "node/common/error_catalogue.h"

namespace mams {

const std::vector<ErrorMessage>& NodeErrorMessages() {
  static const std::vector<ErrorMessage> kMessages = {
      // HTTP framing: answered before (or without) a whole request head.
      {"bad_request_line", "请求行格式错误", "request line must be: METHOD TARGET HTTP/1.1"},
      {"bare_lf", "请求头的每一行必须以 CRLF 结尾", "lines of the request head must end with CRLF"},
      {"bad_header", "请求头格式错误", "a header line must be NAME: value"},
      {"bad_host", "HTTP/1.1 请求必须恰好带一个 Host 头",
       "an HTTP/1.1 request must carry exactly one Host header"},
      {"bad_framing", "请求体的长度声明（Content-Length / Transfer-Encoding）有误",
       "the body's framing is invalid"},
      {"bad_content_length", "Content-Length 必须是一个不带符号的十进制数",
       "Content-Length must be one decimal number without sign or padding"},
      {"bad_chunk", "分块传输的数据格式错误", "a chunk is malformed"},
      {"chunk_line_too_large", "分块长度行或尾部字段过长",
       "a chunk size line or trailer is too long"},
      {"body_too_large", "请求体超过服务器允许的大小",
       "request body exceeds the limit of this server"},
      {"uri_too_long", "请求地址过长", "request target is too long"},
      {"header_too_large", "某个请求头过长", "a header line is too long"},
      {"head_too_large", "请求头总长度过大", "request head is too long"},
      {"too_many_headers", "请求头的行数过多", "too many header lines"},
      {"http_version_not_supported", "只支持 HTTP/1.1 和 HTTP/1.0", "use HTTP/1.1 or HTTP/1.0"},
      {"expectation_failed", "只支持 Expect: 100-continue",
       "the only expectation understood is 100-continue"},
      {"unsupported_transfer_coding", "不支持该传输编码，只支持 chunked",
       "only the chunked transfer coding is supported"},
      {"request_timeout", "请求未在规定时间内发送完毕", "the request was not received in time"},
      {"too_many_connections", "服务器连接已满，请稍后重试", "the server has no room; retry"},
      {"overloaded", "服务器繁忙，请稍后重试", "the server is busy; retry"},
      // Requests and routes.
      {"invalid_uri", "请求地址不是有效的 URI", "request target is not a valid URI"},
      {"not_found", "找不到请求的资源（不存在或不在您的数据范围内）", "no such resource"},
      {"method_not_allowed", "不支持该请求方法[，请使用 {allow}]",
       "method not allowed; use {allow}"},
      {"unsupported_media_type", "请求体的格式（Content-Type）不受支持，请以 JSON 发送",
       "send the body as application/json (Content-Type)"},
      {"invalid_json", "请求体不是有效的 JSON 对象", "request body must be a JSON object"},
      {"invalid_if_match", "If-Match 必须是记录的版本号", "If-Match must be a row version"},
      {"version_conflict", "该记录已被他人修改[（当前版本 {version}）]，请刷新后重试",
       "the record was changed by someone else (now version {version}); reload and retry"},
      {"invalid_parameter",
       "查询参数[ {field} ]的值无效[，应为 {min} 到 {max} 的整数][，可选值：{allowed}]",
       "{field} has an invalid value"},
      {"internal", "服务器内部错误，请提供请求编号以便排查",
       "internal error; quote the request id"},
      {"storage_unavailable", "数据库繁忙或无法连接，请稍后重试",
       "the database is busy or unreachable; retry"},
      {"write_not_found", "刚保存的记录无法读回，请提供请求编号以便排查",
       "a record just written is gone"},
      // Fields of a request body.
      {"missing_field", "[{field} ]为必填项", "{field} is required"},
      {"wrong_type", "[{field} ]的类型不正确", "{field} has the wrong type"},
      {"out_of_range", "[{field} ]的数值超出范围", "{field} is too large"},
      {"unknown_field", "不认识的字段[ {field}]", "{field} is not a known field"},
      {"read_only_field", "[{field} ]不可修改", "{field} cannot be changed"},
      {"invalid_name", "名称长度不符合要求[（{min}–{max} 个字符）]", "name: 1-200 characters"},
      {"invalid_phone", "[{field} ]电话号码格式不正确（数字、“+”、“-”或空格）",
       "{field}: digits, '+', '-' or spaces"},
      {"invalid_email", "电子邮件地址格式不正确", "email: not an e-mail address"},
      {"org_out_of_scope", "机构[ {org} ]不在您的管辖范围内", "org '{org}' is not in your scope"},
      // Sign-in and permissions.
      {"unauthenticated", "请先登录", "log in first (unauthenticated)"},
      {"csrf_failed", "缺少或错误的 X-CSRF-Token 请求头，请重新登录",
       "missing or wrong X-CSRF-Token header for this session"},
      {"mfa_required", "请先完成第二步验证（TOTP 动态码）",
       "verify your second factor (TOTP) before using this"},
      {"forbidden", "您的角色没有此操作的权限[（{permission}）]",
       "your roles do not grant {permission}"},
      // Tabular files (imports and exports).
      {"csv_syntax", "[第 {line} 行：]CSV 格式错误", "line {line}: CSV syntax error"},
      {"csv_columns",
       "表头不符[；未知的列：{unknown}][；重复的列：{duplicate}][；缺少必填列：{missing}]["
       "；应有的列：{expected}]",
       "unknown columns: {unknown}; duplicate columns: {duplicate}; missing required columns: "
       "{missing}; expected columns: {expected}"},
      {"unsupported_encoding", "文件编码不支持，请保存为 UTF-8 或 GBK 编码的 CSV",
       "the file's encoding is not supported; save it as CSV in UTF-8 or GBK"},
      {"encoding_unavailable", "服务器缺少 GB18030 编码转换器", "no GB18030 converter"},
      {"xlsx_write", "生成 Excel 文件失败", "XLSX export failed"},
  };
  return kMessages;
}

}  // namespace mams
