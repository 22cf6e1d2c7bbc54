-- wrk script of bench/run_customers.sh: POST /api/v1/customers, each request with the next
-- body (one JSON object per line) of the file named by CREATE_BODIES. Thread t of a run takes
-- lines CREATE_FIRST + t * CREATE_BLOCK ... + CREATE_BLOCK - 1 (0-based), so the threads of a
-- run and successive runs (the script moves CREATE_FIRST on) never send the same credit code.
-- A thread that runs out sends "{}" (answered 422, counted by wrk as non-2xx).
-- wrk_threads.lua beside this script gives each thread its number (tid).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
require("wrk_threads")
require("percentiles")

local bodies = {}
local next_body = 1
local headers = {}

function init(args)
  local block = tonumber(os.getenv("CREATE_BLOCK"))
  local lo = tonumber(os.getenv("CREATE_FIRST") or "0") + (tid or 0) * block
  local hi = lo + block
  local i = 0
  for line in io.lines(os.getenv("CREATE_BODIES")) do
    if i >= hi then
      break
    end
    if i >= lo then
      bodies[#bodies + 1] = line
    end
    i = i + 1
  end
  for k, v in pairs(wrk.headers) do
    headers[k] = v
  end
  headers["Content-Type"] = "application/json"
end

function request()
  local body = bodies[next_body] or "{}"
  next_body = next_body + 1
  return wrk.format("POST", "/api/v1/customers", headers, body)
end
