-- wrk script of bench/run_messages.sh: GET requests as given, with the 95th percentile.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
require("percentiles")
