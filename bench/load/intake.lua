-- wrk script: citizens filing cases through the public form (POST /lapor/), each with a new
-- idempotency key; every acknowledged tracking code is written to OUT/<thread>.codes for the
-- ledger. Arguments: CSRF-TOKEN CSRF-COOKIE CATEGORY-ID VILLAGES(comma-separated) OUT-DIR
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  token, cookie, category, out = args[1], args[2], args[3], args[5]
  villages = {}
  for code in string.gmatch(args[4], "[^,]+") do table.insert(villages, code) end
  counter = 0
  codes = io.open(out .. "/" .. id .. ".codes", "w")
  math.randomseed(os.time() * 100 + id)
end

function request()
  counter = counter + 1
  local body = "csrfmiddlewaretoken=" .. token .. "&category=" .. category
    .. "&area=" .. villages[math.random(#villages)]
    .. "&description=Balap+liar+tiap+malam+di+depan+pasar&anonymous=on"
    .. "&idempotency_key=wrk-" .. id .. "-" .. counter .. "-" .. math.random(1, 1000000000)
  return wrk.format("POST", "/lapor/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. cookie,
  }, body)
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"]
  if status == 302 and location then
    local code = string.match(location, "/lacak/(SNG%-[%w]+%-[%w]+)/")
    if code then codes:write(code, "\n") codes:flush() end
  end
end
