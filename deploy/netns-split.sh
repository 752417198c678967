#!/usr/bin/env bash
# Runs the split on two "hosts" on one machine: the mining node in namespace lotus-mining (10.77.0.1),
# the markets node in lotus-markets (10.77.0.2), joined by a veth pair. Needs root and iproute2.
#   deploy/netns-split.sh up DIR     create namespaces, start both nodes (repos under DIR), print exports
#   deploy/netns-split.sh down DIR   stop the nodes and delete the namespaces
set -euo pipefail
cmd=${1:-}; dir=${2:-/tmp/lotus-netns}
bin=${LOTUS_BIN_DIR:-$(cd "$(dirname "$0")/.." && swift build --show-bin-path)}
prefix=${LOTUS_NETNS_PREFIX:-lotus}
mine=$prefix-mining; mark=$prefix-markets

up() {
  mkdir -p "$dir"
  ip netns add $mine; ip netns add $mark
  ip link add veth-mining type veth peer name veth-markets
  ip link set veth-mining netns $mine; ip link set veth-markets netns $mark
  ip -n $mine addr add 10.77.0.1/24 dev veth-mining; ip -n $mark addr add 10.77.0.2/24 dev veth-markets
  for ns in $mine $mark; do ip -n $ns link set lo up; done
  ip -n $mine link set veth-mining up; ip -n $mark link set veth-markets up

  LOTUS_MINER_PATH=$dir/miner "$bin/lotus-miner" init --actor t01000 >/dev/null
  printf '[API]\n  ListenAddress = "/ip4/10.77.0.1/tcp/2345/http"\n  RemoteListenAddress = "10.77.0.1:2345"\n[Subsystems]\n  EnableMarkets = false\n' > "$dir/miner/config.toml"
  ip netns exec $mine env LOTUS_MINER_PATH=$dir/miner "$bin/lotus-miner" run > "$dir/miner.log" 2>&1 &
  echo $! > "$dir/miner.pid"
  for _ in $(seq 100); do [ -f "$dir/miner/api" ] && break; sleep 0.1; done
  info="$(cat "$dir/miner/token"):/ip4/10.77.0.1/tcp/2345/http"

  LOTUS_MINER_PATH=$dir/markets "$bin/lotus-miner" init --actor t01000 >/dev/null
  printf '[API]\n  ListenAddress = "/ip4/10.77.0.2/tcp/8787/http"\n  RemoteListenAddress = "10.77.0.2:8787"\n[Subsystems]\n  EnableMining = false\n  EnableSealing = false\n  EnableSectorStorage = false\n  EnableMarkets = true\n  SealerApiInfo = "%s"\n  SectorIndexApiInfo = "%s"\n' "$info" "$info" > "$dir/markets/config.toml"
  ip netns exec $mark env LOTUS_MINER_PATH=$dir/markets "$bin/lotus-miner" run > "$dir/markets.log" 2>&1 &
  echo $! > "$dir/markets.pid"
  for _ in $(seq 100); do [ -f "$dir/markets/api" ] && break; sleep 0.1; done
  [ -f "$dir/markets/api" ] || { echo "markets node did not start; see $dir/markets.log" >&2; exit 1; }
  echo "export MINER_API_INFO=$info"
  echo "export MARKETS_API_INFO=$(cat "$dir/markets/token"):/ip4/10.77.0.2/tcp/8787/http"
  echo "# run lotus-miner inside a namespace: ip netns exec $mark $bin/lotus-miner info"
}

down() {
  for n in markets miner; do [ -f "$dir/$n.pid" ] && kill "$(cat "$dir/$n.pid")" 2>/dev/null || true; done
  sleep 1
  ip netns del $mark 2>/dev/null || true; ip netns del $mine 2>/dev/null || true
}

case "$cmd" in up) up ;; down) down ;; *) echo "usage: $0 up|down DIR" >&2; exit 2 ;; esac
