-- wrk reports 50/75/90/99 % with --latency; this prints p50, p95, p99 and the request rate in one line (ms).
done = function(summary, latency, requests)
    local seconds = summary.duration / 1e6
    io.write(string.format(
        "requests %d, errors %d (timeouts %d), p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms, %.1f req/s\n",
        summary.requests,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout, summary.errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, summary.requests / seconds))
end
