-- The bench's wrk script: cycles through the requests in the file named by the first script
-- argument (one per line: method, path, headers as name=value joined by \1, body; fields
-- separated by tabs), and prints the summary as one JSON line when done.
local requests = {}
local next_index = 0

function init(args)
  for line in io.lines(args[1]) do
    local method, path, headers_text, body = line:match('^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$')
    local headers = {}
    for pair in headers_text:gmatch('[^\1]+') do
      local name, value = pair:match('^([^=]+)=(.*)$')
      headers[name] = value
    end
    if body == '' then body = nil end
    requests[#requests + 1] = wrk.format(method, path, headers, body)
  end
end

function request()
  next_index = next_index + 1
  return requests[(next_index - 1) % #requests + 1]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"micros":%d,"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,' ..
      '"p50":%d,"p90":%d,"p99":%d,"max":%d}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
