#!/usr/bin/env bash
# bench.sh measures Herald's article and front page throughput with wrk,
# next to the same HTML served as static files by nginx in the same run, and
# prints a Markdown table for BENCHMARKS.md.
#
# Usage: scripts/bench.sh [-articles N] [-duration 10s] [-connections 64]
# Needs: go, wrk, nginx, curl, bc, python3 (apt-get install wrk nginx curl bc).
set -euo pipefail

articles=2000 duration=10s connections=64
while [ $# -gt 0 ]; do
	case "$1" in
	-articles) articles=$2; shift 2 ;;
	-duration) duration=$2; shift 2 ;;
	-connections) connections=$2; shift 2 ;;
	*) echo "bench.sh: unknown argument $1 (takes -articles N, -duration D, -connections C)" >&2; exit 2 ;;
	esac
done
for tool in go wrk nginx curl bc python3; do
	command -v "$tool" >/dev/null || { echo "bench.sh: $tool is not installed (apt-get install wrk nginx curl)" >&2; exit 1; }
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
chmod 755 "$work" # nginx workers run as an unprivileged user and must read the files
herald_pid= nginx_pid=
cleanup() {
	[ -n "$herald_pid" ] && kill "$herald_pid" 2>/dev/null || true
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_for URL: poll until the URL answers, for at most 60 seconds.
wait_for() {
	for _ in $(seq 600); do
		curl -fs -o /dev/null "$1" && return 0
		sleep 0.1
	done
	echo "bench.sh: $1 did not answer within 60 s" >&2
	return 1
}

echo "building herald and loading $articles demo articles…" >&2
(cd "$root" && go build -o "$work/herald" ./cmd/herald)
load_start=$(date +%s.%N)
"$work/herald" demo -data-dir "$work/data" -articles "$articles" -log-level warn
load_end=$(date +%s.%N)

hport=$(free_port)
"$work/herald" serve -data-dir "$work/data" -addr "127.0.0.1:$hport" >"$work/herald.out" 2>"$work/herald.log" &
herald_pid=$!
base="http://127.0.0.1:$hport"
wait_for "$base/readyz"

article=$(curl -fs "$base/" | grep -o 'href="/[0-9]\{4\}/[0-9]\{2\}/[0-9]\{2\}/[a-z0-9-]*/"' | head -1 | cut -d'"' -f2)
[ -n "$article" ] || { echo "bench.sh: no article link on the front page" >&2; exit 1; }

# The static baseline: the very same HTML, served by nginx from files.
mkdir -p "$work/www/article" "$work/nginx"
curl -fs "$base$article" >"$work/www/article/index.html"
curl -fs "$base/" >"$work/www/index.html"
nport=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
	access_log $work/nginx/access.log;
	client_body_temp_path $work/nginx/body;
	proxy_temp_path $work/nginx/proxy;
	fastcgi_temp_path $work/nginx/fastcgi;
	uwsgi_temp_path $work/nginx/uwsgi;
	scgi_temp_path $work/nginx/scgi;
	default_type text/html;
	sendfile on;
	keepalive_requests 100000;
	server { listen 127.0.0.1:$nport; root $work/www; }
}
CONF
nginx -c "$work/nginx/nginx.conf" &
nginx_pid=$!
static="http://127.0.0.1:$nport"
wait_for "$static/"

# measure NAME URL: run wrk and print "NAME req/s p50 p99".
measure() {
	local out
	out=$(wrk -t2 -c"$connections" -d"$duration" --latency "$2")
	local rps p50 p99
	rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
	p50=$(awk '$1=="50%" {print $2}' <<<"$out")
	p99=$(awk '$1=="99%" {print $2}' <<<"$out")
	echo "$1 $rps $p50 $p99"
}

echo "measuring ($duration each, $connections connections)…" >&2
results=()
results+=("$(measure static-article "$static/article/")")
results+=("$(measure herald-article "$base$article")")
results+=("$(measure static-front "$static/")")
results+=("$(measure herald-front "$base/")")
rss_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$herald_pid/status")

# row NAME: print the result line of NAME.
row() {
	local r
	for r in "${results[@]}"; do [ "${r%% *}" = "$1" ] && echo "$r"; done
	return 0
}

echo
echo "Date: $(date -u +%Y-%m-%d), machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), $articles demo articles (loaded in $(printf '%.1f' "$(echo "$load_end - $load_start" | bc)") s)"
echo
echo "| page | server | req/s | p50 | p99 | Herald/static |"
echo "|---|---|---:|---:|---:|---:|"
for pagename in article front; do
	read -r _ srps sp50 sp99 <<<"$(row static-$pagename)"
	read -r _ hrps hp50 hp99 <<<"$(row herald-$pagename)"
	ratio=$(printf "%.2f" "$(echo "scale=4; $hrps / $srps" | bc)")
	echo "| $pagename | nginx static file | $srps | $sp50 | $sp99 | |"
	echo "| $pagename | Herald | $hrps | $hp50 | $hp99 | **${ratio}×** |"
done
echo
echo "Herald peak resident memory (VmHWM): $((rss_kb / 1024)) MB"
