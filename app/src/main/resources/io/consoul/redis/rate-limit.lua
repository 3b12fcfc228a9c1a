-- Sliding-log rate limit: exact over any rolling window, the server's clock for every instance, one round trip for
-- one check or for several that arrived together (their checks run one after another, as separate calls would).
-- KEYS[i] a bucket: a list of the times (ms) of the requests it admitted, oldest first; per bucket ARGV[2i-1] limit,
-- ARGV[2i] window ms. (A caller with one bucket may pass a third argument, the former request id: it is ignored.)
-- Returns per bucket {allowed 1|0, remaining, ms until the oldest counted request leaves the window}, flattened.
--
-- Why a list: times are appended in order, so the ones that left the window are always at the head. A check reads a
-- few head entries and RPUSH returns the length, so the count is that length less the head entries that left; those
-- are trimmed once a whole look of them has gathered (an LTRIM per HEAD requests, not one per request). Integers in
-- a list's listpack cost a few bytes each, against a sorted set's skiplist node, dict entry and unique member string.
--
-- Expiry: a refresh sets a bucket to live two windows, and is needed only when the list's first two entries change
-- (a trim, or a list shorter than two). Why that is enough: the second entry was pushed no later than the refresh r
-- that made it second; while it stays second, a check at t that admits found it inside the window, so t < r + window,
-- and the admission is needed until t + window < r + 2 windows, the expiry. So the steady state pays a PEXPIRE per
-- trim instead of one per request; an idle bucket is gone within two windows of its last refresh.
-- While a colour running the release before this one shares the lists (a blue-green switch), each of its admissions
-- sets a window's expiry, shorter than this rule assumes: if this colour then admits into that bucket without a
-- refresh and the bucket goes quiet until that expiry, those admissions are forgotten early. Only then, and only ever
-- letting requests through, never refusing them.
local HEAD = 2 -- head entries read per look, more when both have left the window (each entry read into Lua costs)
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local result = {}
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  local cutoff = now - window
  local head, gone
  local refresh = false -- the first two entries change in this check: see Expiry above
  repeat
    head = redis.call('LRANGE', key, 0, HEAD - 1)
    gone = 0
    while gone < #head and tonumber(head[gone + 1]) <= cutoff do gone = gone + 1 end
    if gone == HEAD then
      redis.call('LTRIM', key, HEAD, -1)
      refresh = true
    end
  until gone < HEAD
  -- head[gone + 1] is the oldest counted request; the gone ones before it stay until a later look trims them
  local reset = window -- when nothing is counted, the oldest counted request is this one
  if head[gone + 1] then reset = tonumber(head[gone + 1]) + window - now end
  local count -- counted before this request; known from the head alone when the whole list fitted in it
  if #head < HEAD then
    count = #head - gone
    refresh = true -- this request becomes one of the first two
  end
  local allowed = 0
  if count == nil or count < limit then
    count = redis.call('RPUSH', key, now) - 1 - gone
    if count < limit then
      allowed = 1
      count = count + 1
    else
      redis.call('RPOP', key) -- full after all: the list is as it was
    end
  end
  if refresh then redis.call('PEXPIRE', key, 2 * window) end -- a refused request into an empty list: no key, no-op
  result[3 * i - 2] = allowed
  result[3 * i - 1] = limit - count
  result[3 * i] = reset
end
return result
