-- POST /api/v1/namespaces with a new, valid namespace name on every request.
-- wrk -s post.lua <url> -- <path> <name prefix>; the Authorization header (if any) comes from wrk -H.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  path = args[1] or "/api/v1/namespaces"
  prefix = args[2] or "bench"
  accepted = 0
  other = 0
  -- wrk.format uses its headers argument instead of wrk.headers (-H): carry them over
  headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/json"
  sample = ""
end

function request()
  counter = counter + 1
  local name = string.format("%s-%d-%d", prefix, id, counter)
  local body = '{"name":"' .. name .. '","team":"payments","environment":"development","tier":"small",'
      .. '"networkPolicy":"isolated","features":["monitoring"],"description":"benchmark","costCenter":"cc-1"}'
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 202 then accepted = accepted + 1 else
    other = other + 1
    if sample == "" then sample = status .. " " .. string.sub(body or "", 1, 300) end
  end
end

function done(summary, latency, requests)
  local a, o, s = 0, 0, ""
  for _, thread in ipairs(threads) do
    if s == "" then s = thread:get("sample") or "" end
    a = a + thread:get("accepted")
    o = o + thread:get("other")
  end
  io.write(string.format("RESULT accepted=%d other=%d requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d errors=%d\n",
      a, o, summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status))
  if s ~= "" then io.write("SAMPLE " .. s .. "\n") end
end
