-- wrk script for scripts/bench: POST /api/v1/passes/verify with an officer's bearer token and one pass.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("ZONEPASS_BENCH_BEARER") or "")
wrk.body = '{"token":"' .. (os.getenv("ZONEPASS_BENCH_PASS") or "") .. '"}'
