-- wrk script of bench/run_customers.sh: GET a random line of the file named by PATHS_FILE (one
-- request target per line, already URL-encoded) on every request, so that a run spreads over
-- many queries instead of repeating one. Credentials come with wrk -H.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
require("wrk_threads")
require("lines")
require("percentiles")

local paths

function init(args)
  paths = read_lines("PATHS_FILE")
  math.randomseed(2000 + 7919 * (tid or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
