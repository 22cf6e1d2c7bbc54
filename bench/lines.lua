-- Shared by the wrk scripts of bench/: the non-empty lines of the file named by an
-- environment variable (ids, request targets), read once per thread in init().
function read_lines(variable)
  local lines = {}
  for line in io.lines(os.getenv(variable)) do
    if #line > 0 then
      lines[#lines + 1] = line
    end
  end
  return lines
end
