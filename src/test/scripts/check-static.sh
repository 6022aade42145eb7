#!/usr/bin/env bash
# Static checks of the deployment files (docker/, grafana/). No Docker engine is needed:
# compose is validated with `docker-compose config`, Prometheus files with promtool, and the
# dashboard's PromQL is parsed by promtool and written to target/dashboard-queries.txt, one
# query per line with $department replaced by .*, for an integration test that evaluates
# each one against a real Prometheus.
#
# Needs: docker-compose (Debian, v1) or `docker compose` (v2), promtool, python3 (stdlib).
#   apt-get install -y docker-compose prometheus
# Run from anywhere; it works from the repository root. Prints one line per check and exits
# non-zero if any check failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

COMPOSE_FILE=docker/docker-compose.yml
PROM_CONFIG=docker/prometheus.yml
DASHBOARD_DIR=grafana/dashboards
QUERIES=target/dashboard-queries.txt
QUERY_RULES=target/dashboard-queries.rules.yml

passed=0
failed=0
server_pid=""
scratch="$(mktemp -d)"
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

# Runs one check; its output is shown only when it fails. Every check is a single command
# whose exit status is the verdict (set -e does not apply inside an `if` condition).
check() {
  local name="$1"; shift
  local out
  if out="$("$@" 2>&1)"; then
    echo "ok    $name"
    passed=$((passed + 1))
  else
    echo "FAIL  $name"
    printf '%s\n' "$out" | sed 's/^/      /'
    failed=$((failed + 1))
  fi
}

compose() {
  if command -v docker-compose >/dev/null 2>&1; then
    docker-compose "$@"
  elif docker compose version >/dev/null 2>&1; then
    docker compose "$@"
  else
    echo "neither docker-compose (v1) nor the docker compose plugin (v2) is installed"
    return 1
  fi
}

compose_valid() {
  compose -f "$COMPOSE_FILE" config -q
}

compose_services() {
  local expected actual
  expected="$(printf '%s\n' feedback-router grafana init kafka prometheus schema-registry simulator)"
  actual="$(compose -f "$COMPOSE_FILE" config --services | sort)"
  if [[ "$actual" != "$expected" ]]; then
    printf 'expected services:\n%s\nfound:\n%s\n' "$expected" "$actual"
    return 1
  fi
}

# Every image in compose and every FROM in the Dockerfile names an explicit tag, never latest.
images_pinned() {
  python3 - "$COMPOSE_FILE" docker/Dockerfile <<'PY'
import re, sys
bad = []
compose, dockerfile = sys.argv[1], sys.argv[2]
refs = [(compose, m.group(1)) for m in re.finditer(r'^\s*image:\s*["\']?([^"\'\s#]+)', open(compose).read(), re.M)]
refs += [(dockerfile, m.group(1)) for m in re.finditer(r'^FROM\s+(?:--\S+\s+)*(\S+)', open(dockerfile).read(), re.M)]
if not refs:
    bad.append("no image references found")
for where, ref in refs:
    last = ref.split("/")[-1]
    tag = "digest" if "@" in last else (last.split(":", 1)[1] if ":" in last else "")
    if not tag or tag == "latest":
        bad.append(f"{where}: {ref} is not pinned to a tag")
    else:
        print(f"{where}: {ref}")
if bad:
    print("\n".join(bad)); sys.exit(1)
PY
}

dockerfile_contract() {
  python3 - docker/Dockerfile <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
lines = [l.strip() for l in re.sub(r'\\\n', ' ', text).splitlines() if l.strip() and not l.strip().startswith("#")]
need = {
    "two stages (build, runtime)": lambda: sum(l.startswith("FROM ") for l in lines) == 2,
    "build stage on maven:3.9.x-eclipse-temurin-17": lambda: re.match(r'FROM maven:3\.9[.\d]*-eclipse-temurin-17\b', lines[0]) is not None,
    "runtime stage on eclipse-temurin:17.x-jre": lambda: any(re.match(r'FROM eclipse-temurin:17[.\d_]*-jre', l) for l in lines[1:]),
    "builds with mvn -B -q package -DskipTests": lambda: any("mvn -B -q package -DskipTests" in l for l in lines),
    "copies pom.xml, schemas/ and src/": lambda: all(any(l.startswith("COPY ") and p in l for l in lines) for p in ("pom.xml", "schemas/", "src/")),
    "ENTRYPOINT java -jar /app/feedback-router.jar": lambda: 'ENTRYPOINT ["java", "-jar", "/app/feedback-router.jar"]' in lines,
    'CMD ["run"]': lambda: 'CMD ["run"]' in lines,
    "EXPOSE 8080": lambda: "EXPOSE 8080" in lines,
    "HEALTHCHECK present": lambda: any(l.startswith("HEALTHCHECK ") for l in lines),
    "last USER is not root": lambda: (lambda u: u and u[-1].split()[1].split(":")[0] not in ("root", "0"))([l for l in lines if l.startswith("USER ")]),
}
missing = [name for name, ok in need.items() if not ok()]
# The build context is the repository root: every COPY source (other than from a stage) must exist.
for l in lines:
    if l.startswith("COPY ") and "--from=" not in l:
        for src in [w for w in l.split()[1:-1] if not w.startswith("--")]:
            if not os.path.exists(src):
                missing.append(f"COPY source {src} (not in the repository)")
if missing:
    print("docker/Dockerfile lacks: " + "; ".join(missing)); sys.exit(1)
PY
}

# The container health probe really tells 200 from anything else: run it against a local
# HTTP server on loopback that answers 200 on /health/ready and 503 on /health/down.
healthcheck_behaves() {
  local probe=docker/healthcheck.sh port_file="$scratch/port"
  [[ -x "$probe" ]] || { echo "$probe is not executable"; return 1; }
  python3 - "$port_file" >"$scratch/server.log" 2>&1 <<'PY' &
import http.server, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        code = 200 if self.path == "/health/ready" else 503
        self.send_response(code); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(server.server_port))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.timeout = 30
server.serve_forever()
PY
  server_pid=$!
  local _attempt
  for _attempt in $(seq 1 100); do
    [[ -s "$port_file" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$scratch/server.log"; return 1; }
    sleep 0.05
  done
  [[ -s "$port_file" ]] || { echo "test HTTP server did not start"; return 1; }
  local port; port="$(cat "$port_file")"
  HEALTHCHECK_HOST=127.0.0.1 FEEDBACK_HTTP_PORT="$port" "$probe" \
    || { echo "probe failed against a 200 answer"; return 1; }
  if HEALTHCHECK_HOST=127.0.0.1 FEEDBACK_HTTP_PORT="$port" HEALTHCHECK_PATH=/health/down "$probe" 2>/dev/null; then
    echo "probe passed against a 503 answer"; return 1
  fi
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  if HEALTHCHECK_HOST=127.0.0.1 FEEDBACK_HTTP_PORT="$port" "$probe" 2>/dev/null; then
    echo "probe passed with nothing listening"; return 1
  fi
}

# Bind-mount sources are relative to docker/; a missing one would be created as an empty dir.
compose_mount_sources() {
  python3 - "$COMPOSE_FILE" <<'PY'
import os, re, sys
compose = sys.argv[1]
base = os.path.dirname(compose)
srcs = re.findall(r'^\s*-\s*["\']?(\.{1,2}/[^:"\']+):', open(compose).read(), re.M)
missing = [s for s in srcs if not os.path.exists(os.path.join(base, s))]
if not srcs or missing:
    print("missing bind-mount sources: " + ", ".join(missing or ["(none found)"])); sys.exit(1)
print("\n".join(srcs))
PY
}

# Host ports come from the environment (defaults otherwise), Kafka advertises the port it is
# published on, and init runs once: a failing ownership apply must not loop.
compose_ports_and_init() {
  local resolved
  resolved="$(FEEDBACK_KAFKA_PORT=39092 FEEDBACK_REGISTRY_PORT=18081 FEEDBACK_HTTP_PORT=18080 \
    FEEDBACK_PROMETHEUS_PORT=19090 FEEDBACK_GRAFANA_PORT=13000 compose -f "$COMPOSE_FILE" config)" || return 1
  python3 - "$resolved" <<'PY'
import re, sys
text = sys.argv[1]
problems = []
for port in ("39092", "18081", "18080", "19090", "13000"):
    # v1 prints "- 18080:8080/tcp" style or "published: 18080"; v2 prints published: "18080".
    if not re.search(r'(published:\s*"?%s"?\b|\b%s:\d+)' % (port, port), text):
        problems.append(f"host port {port} from the environment is not published")
if "localhost:39092" not in text:
    problems.append("kafka does not advertise the published host port (EXTERNAL://localhost:39092)")
init = re.search(r'^  init:\n(.*?)(?=^  \S)', text, re.M | re.S)
if not init or not re.search(r'^\s+restart:\s*"?no"?\s*$', init.group(1), re.M):
    problems.append("init does not have restart: \"no\"")
if problems:
    print("\n".join(problems)); sys.exit(1)
PY
}

ownership_copy_current() {
  cmp docker/ownership.yaml src/main/resources/ownership/sample-ownership.yaml
}

json_valid() {
  if command -v jq >/dev/null 2>&1; then
    jq empty "$1"
  else
    python3 -m json.tool "$1" >/dev/null
  fi
}

grafana_provisioning() {
  local ds=grafana/provisioning/datasources/prometheus.yml db=grafana/provisioning/dashboards/dashboards.yml
  grep -Eq '^\s*uid:\s*prometheus\s*$' "$ds" || { echo "$ds: no 'uid: prometheus'"; return 1; }
  grep -Eq '^\s*url:\s*http://prometheus:9090\s*$' "$ds" || { echo "$ds: url is not http://prometheus:9090"; return 1; }
  grep -Eq '^\s*path:\s*/var/lib/grafana/dashboards\s*$' "$db" || { echo "$db: path is not /var/lib/grafana/dashboards"; return 1; }
  local mount
  for mount in ../grafana/dashboards:/var/lib/grafana/dashboards \
               ../grafana/provisioning/datasources:/etc/grafana/provisioning/datasources \
               ../grafana/provisioning/dashboards:/etc/grafana/provisioning/dashboards; do
    grep -Fq -- "- $mount" "$COMPOSE_FILE" || { echo "$COMPOSE_FILE does not mount $mount"; return 1; }
  done
}

# Checks every panel and target, then writes the queries (one per line, $department -> .*)
# and a recording-rules file holding them, so promtool can parse every expression.
dashboard_queries() {
  mkdir -p target
  python3 - "$QUERIES" "$QUERY_RULES" "$DASHBOARD_DIR"/*.json <<'PY'
import json, re, sys
out_queries, out_rules, files = sys.argv[1], sys.argv[2], sys.argv[3:]
UID = "prometheus"
# Names fixed by the product contract; each must be charted somewhere.
REQUIRED = """feedback_received_total feedback_classified_total feedback_routing_latency_seconds_bucket
feedback_tasks_created_total feedback_tasks_open feedback_task_resolution_seconds_bucket
feedback_task_acknowledge_seconds_bucket feedback_tasks_resolved_total feedback_sla_breaches_total
feedback_alerts_total feedback_nps_responses_total feedback_csat_responses_total feedback_ces_score_total
feedback_ces_responses_total feedback_rejected_total feedback_unowned_total kafka_stream_thread_process_total
kafka_consumer_fetch_manager_records_lag_max jvm_memory_used_bytes""".split()
problems, queries = [], []

def uid(ds):
    return ds.get("uid") if isinstance(ds, dict) else ds

def walk(panels):
    for p in panels:
        yield p
        yield from walk(p.get("panels", []))

for path in files:
    try:
        dash = json.load(open(path))
    except ValueError as e:
        problems.append(f"{path}: not JSON: {e}"); continue
    variables = {v.get("name"): v for v in dash.get("templating", {}).get("list", [])}
    dep = variables.get("department")
    if path.endswith("feedback-routing.json"):
        if dep is None:
            problems.append(f"{path}: no 'department' template variable")
        else:
            q = dep.get("query"); q = q.get("query") if isinstance(q, dict) else q
            if q != "label_values(feedback_tasks_created_total, department)":
                problems.append(f"{path}: department variable query is {q!r}")
            if not (dep.get("multi") and dep.get("includeAll") and dep.get("allValue") == ".*"):
                problems.append(f"{path}: department variable must be multi, include All, allValue '.*'")
            if uid(dep.get("datasource")) != UID:
                problems.append(f"{path}: department variable datasource uid is not {UID!r}")
    ids = set()
    for p in walk(dash.get("panels", [])):
        if p.get("type") == "row":
            continue
        title = f"{path}: panel {p.get('id')} {p.get('title')!r}"
        if p.get("id") in ids:
            problems.append(f"{title}: duplicate panel id")
        ids.add(p.get("id"))
        if uid(p.get("datasource")) != UID:
            problems.append(f"{title}: panel datasource uid is not {UID!r}")
        targets = p.get("targets") or []
        if not targets:
            problems.append(f"{title}: no targets")
        for t in targets:
            where = f"{title} target {t.get('refId')}"
            expr = (t.get("expr") or "").strip()
            if uid(t.get("datasource")) != UID:
                problems.append(f"{where}: datasource uid is not {UID!r}")
            if not expr:
                problems.append(f"{where}: empty expr"); continue
            if "\n" in expr:
                problems.append(f"{where}: expr spans lines; the query file holds one per line"); continue
            q = expr.replace("${department}", ".*").replace("$department", ".*")
            if "$" in q:
                problems.append(f"{where}: unresolved variable in {q!r}"); continue
            if q not in queries:
                queries.append(q)

charted = " ".join(queries)
for name in REQUIRED:
    if not re.search(r'\b' + re.escape(name) + r'\b', charted):
        problems.append(f"no panel queries {name}")

with open(out_queries, "w") as f:
    f.write("".join(q + "\n" for q in queries))
with open(out_rules, "w") as f:
    f.write("groups:\n  - name: dashboard-queries\n    rules:\n")
    for i, q in enumerate(queries):
        f.write(f"      - record: dashboard:query_{i}\n        expr: {json.dumps(q)}\n")
if problems:
    print("\n".join(problems)); sys.exit(1)
print(f"{len(queries)} queries -> {out_queries}")
PY
}

promql_parses() {
  promtool check rules "$QUERY_RULES"
}

command -v promtool >/dev/null 2>&1 || echo "note  promtool not found: apt-get install -y prometheus"

check "compose: $COMPOSE_FILE is valid (config -q)" compose_valid
check "compose: services are kafka, schema-registry, init, feedback-router, simulator, prometheus, grafana" compose_services
check "compose: every bind-mount source exists" compose_mount_sources
check "compose: host ports from FEEDBACK_*_PORT, kafka advertises them, init restart \"no\"" compose_ports_and_init
check "images: compose images and Dockerfile stages pinned to tags" images_pinned
check "docker/Dockerfile: stages, build command, entrypoint, non-root user, healthcheck" dockerfile_contract
check "docker/healthcheck.sh: 200 passes, 503 and closed port fail" healthcheck_behaves
check "docker/ownership.yaml equals src/main/resources/ownership/sample-ownership.yaml" ownership_copy_current
check "promtool: $PROM_CONFIG is a valid config" promtool check config "$PROM_CONFIG"
shopt -s nullglob
json_files=()
while IFS= read -r -d '' f; do json_files+=("$f"); done < <(find grafana -name '*.json' -print0 | sort -z)
if (( ${#json_files[@]} == 0 )); then
  echo "FAIL  json: no JSON files under grafana/"; failed=$((failed + 1))
fi
for f in "${json_files[@]}"; do
  check "json: $f parses" json_valid "$f"
done
check "grafana: provisioning (datasource uid/url, dashboards path, compose mounts)" grafana_provisioning
check "dashboard: every target has an expr and the prometheus datasource; queries -> $QUERIES" dashboard_queries
check "promtool: every dashboard query parses as PromQL" promql_parses

echo "check-static: $passed passed, $failed failed"
(( failed == 0 ))
