-- Shared by the wrk scripts of bench/: numbers wrk's threads. setup() runs once per thread in
-- wrk's main state and hands the thread its number, which the thread's own script then reads
-- as the global `tid` (0, 1, ...) in init().
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
