-- wrk script of bench/run_messages.sh: POST /api/v1/messages, a message to the user named by
-- MESSAGE_TO (the benchmark's own user: its inbox fills as the run goes on).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
require("percentiles")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"recipientId":"' .. os.getenv("MESSAGE_TO") ..
           '","subject":"请于周五前提交季度拜访计划","body":"各位客户经理：本季度重点客户拜访计划请于周五前提交，谢谢。"}'
