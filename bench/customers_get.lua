-- wrk script of bench/run_customers.sh: GET /api/v1/customers/{id} with a random id of the
-- file named by IDS_FILE (one id per line) on every request. Credentials come with wrk -H.
-- The trivial server is driven with the same script (it answers any path), so wrk spends the
-- same work per request on both sides of the ratio.
-- wrk_threads.lua beside this script gives each thread its number (tid).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
require("wrk_threads")
require("lines")

local ids

function init(args)
  ids = read_lines("IDS_FILE")
  math.randomseed(1000 + 7919 * (tid or 0))
end

function request()
  return wrk.format("GET", "/api/v1/customers/" .. ids[math.random(#ids)])
end
