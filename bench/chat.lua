-- wrk script: POST /chat, echo model. Each wrk thread cycles over 1000 sessions of at most 20 turns each, so no two
-- requests in flight share a session (no compare-and-set conflicts) and documents stay small, as in ChatBenchmark.
local counter = 0
local prefix

function setup(thread)
  thread:set("id", tostring(math.random(1, 1000000000)))
end

function init(args)
  prefix = "wrk-" .. os.time() .. "-" .. id .. "-"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local session = prefix .. (counter % 1000) .. "-" .. math.floor(counter / 20000)
  return wrk.format(nil, nil, nil, '{"session_id":"' .. session .. '","message":"benchmark message ' .. counter .. '"}')
end
