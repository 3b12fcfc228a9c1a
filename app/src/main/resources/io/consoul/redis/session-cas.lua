-- Compare-and-set of one session document, in one round trip.
-- KEYS[1] session key; KEYS[2] active-session index (sorted set, score = expiry) or absent (Redis Cluster)
-- ARGV[1] SHA-1 of the document the caller read ('' = the session must not exist yet)
-- ARGV[2] new document; ARGV[3] TTL in seconds; ARGV[4] session id
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  if current then return 0 end
elseif (not current) or redis.sha1hex(current) ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
if KEYS[2] then
  local now = redis.call('TIME')
  redis.call('ZADD', KEYS[2], tonumber(now[1]) + tonumber(ARGV[3]), ARGV[4])
end
return 1
