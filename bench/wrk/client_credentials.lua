-- wrk script: POST /token, grant_type=client_credentials, client_secret_basic.
--   BENCH_BASIC_AUTH  the full Authorization header value ("Basic …")
--   BENCH_CC_SCOPE    optional scope parameter
-- Usage: BENCH_BASIC_AUTH="Basic …" wrk -t2 -c16 -d10s --latency -s client_credentials.lua http://127.0.0.1:PORT/token
local auth = os.getenv("BENCH_BASIC_AUTH")
if auth == nil or auth == "" then
  error("BENCH_BASIC_AUTH is not set")
end
local body = "grant_type=client_credentials"
local scope = os.getenv("BENCH_CC_SCOPE")
if scope ~= nil and scope ~= "" then
  body = body .. "&scope=" .. scope:gsub(" ", "%%20")
end

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = auth
wrk.headers["Accept"] = "application/json"
