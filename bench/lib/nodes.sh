# Sourced by the HTTP benchmark scripts (bench/ingest, bench/load): build the
# binaries once and start `lianxin serve` nodes on free ports, stopping them on exit.
#   bench_build TARGET...        build lianxin and TARGETs in $BUILD (Release, benchmarks on),
#                                or only check them with LIANXIN_BENCH_NO_BUILD=1
#   bench_start_node NAME ARG... start `$BUILD/lianxin serve --port 0 ARG...`, logs in
#                                $WORK/NAME.{out,log}; sets NODE_PID and NODE_URL
#   bench_stop_nodes             SIGTERM every node started, wait for each (also on EXIT)
# Needs BUILD and WORK set by the caller. Exits 2 on a build or start failure.
BENCH_NODE_PIDS=()

bench_build() {
  if [ "${LIANXIN_BENCH_NO_BUILD:-0}" = 1 ]; then
    for t in lianxin "$@"; do
      [ -x "$BUILD/$t" ] || [ -x "$BUILD/bench/$t" ] || {
        echo "bench: LIANXIN_BENCH_NO_BUILD=1 but $BUILD has no $t" >&2; exit 2; }
    done
    return
  fi
  if [ ! -f "$BUILD/build.ninja" ] || ! grep -q "LIANXIN_BUILD_BENCHMARKS:BOOL=ON" "$BUILD/CMakeCache.txt" ||
     ! grep -q "LIANXIN_WITH_POSTGRES:BOOL=ON" "$BUILD/CMakeCache.txt"; then
    cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLIANXIN_BUILD_BENCHMARKS=ON \
      -DLIANXIN_BUILD_TESTS=OFF -DLIANXIN_WITH_POSTGRES=ON >/dev/null
  fi
  cmake --build "$BUILD" -j2 --target lianxin "$@" >/dev/null || {
    echo "bench: build failed; run: cmake --build $BUILD --target lianxin $*" >&2; exit 2; }
}

bench_start_node() {
  local name=$1; shift
  : >"$WORK/$name.out"
  "$BUILD/lianxin" serve --port 0 "$@" >>"$WORK/$name.out" 2>"$WORK/$name.log" &
  NODE_PID=$!
  BENCH_NODE_PIDS+=("$NODE_PID")
  local port=""
  for _ in $(seq 3000); do  # up to 300 s: the demo load may train the dispatch model first
    port=$(sed -n 's|^lianxin serving on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/$name.out")
    [ -n "$port" ] && break
    if ! kill -0 "$NODE_PID" 2>/dev/null; then
      echo "bench: lianxin serve ($name) exited early:" >&2
      cat "$WORK/$name.out" "$WORK/$name.log" >&2
      exit 2
    fi
    sleep 0.1
  done
  [ -n "$port" ] || { echo "bench: $name did not start within 300 s" >&2; exit 2; }
  NODE_URL="http://127.0.0.1:$port"
}

bench_stop_nodes() {
  local pid
  for pid in "${BENCH_NODE_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  BENCH_NODE_PIDS=()
}
