# Shared by the benchmark scripts that load `phongdich serve` (sourced, not run):
#   free_port                          a port nobody listens on, on 127.0.0.1
#   start_server LOG ARGS...           starts "${phongdich[@]}" ARGS... serve (ARGS: global options,
#                                      then `serve` and its options) in the background, sets
#                                      server_pid, waits until $base/ready answers (the index is
#                                      loaded); on a server that dies, prints LOG and exits 1
#   login USER PASSWORD                prints the session token
# The caller sets `phongdich` (the command as an array) and `base` (http://127.0.0.1:PORT), and
# stops the server by server_pid (its cleanup trap).

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_server() {
  local log=$1
  shift
  "${phongdich[@]}" "$@" 2>>"$log" &
  server_pid=$!
  # Up to 10 minutes: a large registry loads its index before the server is ready.
  for _ in $(seq 3000); do
    curl -fs "$base/ready" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.2
  done
  echo "the server at $base did not become ready" >&2
  exit 1
}

login() {
  curl -fs -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    --data-binary @- <<<"{\"username\":\"$1\",\"password\":\"$2\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
