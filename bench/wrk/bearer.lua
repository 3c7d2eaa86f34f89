-- wrk script: GET with a Bearer access token (GET /userinfo).
--   BENCH_ACCESS_TOKEN  the access token
local token = os.getenv("BENCH_ACCESS_TOKEN")
if token == nil or token == "" then
  error("BENCH_ACCESS_TOKEN is not set")
end
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"
