-- GET one namespace repeatedly: wrk -s get.lua <url> -- <path>; Authorization from wrk -H.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  path = args[1]
  ok = 0
  other = 0
  sample = ""
end

function request()
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else
    other = other + 1
    if sample == "" then sample = status .. " " .. string.sub(body or "", 1, 300) end
  end
end

function done(summary, latency, requests)
  local a, o, s = 0, 0, ""
  for _, thread in ipairs(threads) do
    if s == "" then s = thread:get("sample") or "" end
    a = a + thread:get("ok")
    o = o + thread:get("other")
  end
  io.write(string.format("RESULT accepted=%d other=%d requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d errors=%d\n",
      a, o, summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status))
  if s ~= "" then io.write("SAMPLE " .. s .. "\n") end
end
