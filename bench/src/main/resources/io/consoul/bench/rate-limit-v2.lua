-- Sliding-log rate limit: exact over any rolling window, the server's clock for every instance, one round trip for
-- one check or for several that arrived together (their checks run one after another, as separate calls would).
-- KEYS[i] a bucket (sorted set of request times in ms); per bucket, ARGV[3i-2] limit, ARGV[3i-1] window ms,
-- ARGV[3i] an id unique to the request.
-- Returns per bucket {allowed 1|0, remaining, ms until the oldest counted request leaves the window}, flattened.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local result = {}
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[3 * i - 2])
  local window = tonumber(ARGV[3 * i - 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  local allowed = 0
  local reset = window -- when the log was empty, the oldest counted request is this one
  if count > 0 then
    reset = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2]) + window - now
  end
  if count < limit then
    redis.call('ZADD', key, now, now .. ':' .. ARGV[3 * i])
    redis.call('PEXPIRE', key, window)
    count = count + 1
    allowed = 1
  end
  result[3 * i - 2] = allowed
  result[3 * i - 1] = limit - count
  result[3 * i] = reset
end
return result
