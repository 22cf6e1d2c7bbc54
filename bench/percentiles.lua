-- Shared by the wrk scripts of bench/: wrk's --latency table stops at 50/75/90/99 %; done()
-- adds the 95th percentile as one line, "P95_MS=<ms>", read by wrk_p95 in bench/lib.sh.
function done(summary, latency, requests)
  io.write(string.format("P95_MS=%.3f\n", latency:percentile(95) / 1000))
end
