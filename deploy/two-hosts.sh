#!/usr/bin/env bash
# The operator runbook across hosts, on one machine: each node in a network namespace of its own, with its own
# address, and the whole runbook run across them (SPEC.md "The operator runbook"):
#
#   public network 10.78.0.0/24, on a bridge in a namespace of its own:
#     <prefix>-daemon  10.78.0.1   lotus daemon --devnet (API :1234, libp2p :1235)
#     <prefix>-mining  10.78.0.2   the monolith's libp2p while it is one; nothing public once split
#     <prefix>-markets 10.78.0.3   the markets node's libp2p (:24002) once split
#     <prefix>-client  10.78.0.4   where the client's commands run
#   private link 10.79.0.0/24, mining <-> markets only:
#     mining 10.79.0.1 (its API :2345), markets 10.79.0.2 (its API :8787)
#
# Steps: monolith with a deal → backup → init service → split (checked by connecting: the client's namespace
# reaches the markets node's libp2p port and no port of the mining node) → a deal while split, both deals retrieved
# from the client's namespace, no faulty sector → rollback → both deals Active and retrievable on the monolith.
# Everything is torn down at the end, on failure and on Ctrl-C: the nodes, the namespaces, the links.
#
# Usage: deploy/two-hosts.sh [--prefix P] [--keep] [DIR]     (root, iproute2; DIR defaults to a new temp dir)
#   --prefix P   namespace and link name prefix (default lotus; at most 8 characters)
#   --keep       leave DIR (repos and logs) behind; the namespaces are always removed
# LOTUS_BIN_DIR names the directory of lotus, lotus-miner and lotus-shed (default: this checkout's debug build).
set -euo pipefail

prefix=lotus
keep=0
dir=""
while (($#)); do
    case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) sed -n '2,24p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) dir=$1; shift ;;
    esac
done
if ((${#prefix} > 8)); then echo "--prefix: at most 8 characters (link names are limited to 15)" >&2; exit 2; fi
if [[ $(id -u) != 0 ]]; then echo "two-hosts.sh creates network namespaces: run it as root" >&2; exit 2; fi
bin=${LOTUS_BIN_DIR:-$(cd "$(dirname "$0")/.." && swift build --show-bin-path)}
for tool in lotus lotus-miner lotus-shed; do
    [[ -x $bin/$tool ]] || { echo "$bin/$tool not found: build first (swift build) or set LOTUS_BIN_DIR" >&2; exit 2; }
done
made_dir=0
if [[ -z $dir ]]; then dir=$(mktemp -d -t lotus-two-hosts.XXXXXX); made_dir=1; fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

# The launcher sets every node's addresses itself; overrides from the caller's environment would move them.
unset LOTUS_LIBP2P_LISTENADDRESSES LOTUS_LIBP2P_ANNOUNCEADDRESSES LOTUS_API_LISTENADDRESS LOTUS_API_REMOTELISTENADDRESS

namespaces=(sw daemon mining markets client)
ns() { echo "$prefix-$1"; }

teardown() {
    local status=$?
    trap - EXIT INT TERM
    # Every process in the namespaces, then the namespaces (which removes their links and the bridge).
    for name in "${namespaces[@]}"; do
        ip netns pids "$(ns "$name")" 2>/dev/null | xargs -r kill -TERM 2>/dev/null || true
    done
    for _ in $(seq 50); do
        local left=0
        for name in "${namespaces[@]}"; do
            [[ -n $(ip netns pids "$(ns "$name")" 2>/dev/null) ]] && left=1
        done
        ((left)) || break
        sleep 0.1
    done
    for name in "${namespaces[@]}"; do
        ip netns pids "$(ns "$name")" 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
        ip netns del "$(ns "$name")" 2>/dev/null || true
    done
    if ((status == 130 || status == 143)); then
        echo "two-hosts: interrupted; namespaces and nodes removed" >&2
        ((made_dir && !keep)) && rm -rf "$dir"
    elif ((status != 0)); then
        echo "two-hosts: FAILED (exit $status); logs in $dir/*.log" >&2
        # The nodes' last words, so a failure seen only in CI's output still says which node stopped and why: a
        # crash's message and backtrace (Swift's backtracer writes them to the node's log), else the log's tail.
        for log in daemon miner markets; do
            [[ -f $dir/$log.log ]] || continue
            local crash
            crash=$(grep -n -m1 -E 'Fatal error|\*\*\* Program crashed' "$dir/$log.log" | cut -d: -f1) || true
            if [[ -n $crash ]]; then
                echo "--- $log.log: the node crashed" >&2
                tail -n "+$((crash > 3 ? crash - 3 : 1))" "$dir/$log.log" | grep -v -E '^(r[0-9a-z]+|rip|rflags|cs|fs|gs) ' | head -n 60 >&2
            else
                echo "--- last lines of $log.log" >&2
                tail -n 15 "$dir/$log.log" >&2
            fi
        done
    elif ((made_dir && !keep)); then
        rm -rf "$dir"
    fi
    exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step() { echo "== $*"; }
fail() { echo "two-hosts: $*" >&2; exit 1; }
# on NS CMD...: a command inside a namespace, with the repos' environment.
on() {
    local name=$1; shift
    ip netns exec "$(ns "$name")" env LOTUS_PATH="$dir/lotus" LOTUS_MINER_PATH="$dir/miner" PATH="$bin:$PATH" "$@"
}
# start NS LOG CMD...: a node in the background, in its own session.
start() {
    local name=$1 log=$2; shift 2
    ip netns exec "$(ns "$name")" setsid env LOTUS_PATH="$dir/lotus" PATH="$bin:$PATH" "$@" >>"$dir/$log" 2>&1 &
}
wait_file() {
    for _ in $(seq 600); do [[ -f $1 ]] && return 0; sleep 0.1; done
    fail "$1 did not appear; see $dir/*.log"
}
# reachable NS IP PORT: whether a TCP connection from NS to IP:PORT succeeds within 5 seconds (a closed port or an
# address without a route fails at once; the limit only matters on a loaded machine).
reachable() {
    ip netns exec "$(ns "$1")" timeout 5 bash -c "exec 3<>/dev/tcp/$2/$3" 2>/dev/null
}

step "network: namespaces $(printf "$prefix-%s " "${namespaces[@]}")"
for name in "${namespaces[@]}"; do ip netns add "$(ns "$name")"; done
ip -n "$(ns sw)" link add "$prefix-br" type bridge
ip -n "$(ns sw)" link set "$prefix-br" up
address=1
for name in daemon mining markets client; do
    ip link add "$prefix-$name" netns "$(ns "$name")" type veth peer name "$prefix-s$address" netns "$(ns sw)"
    ip -n "$(ns "$name")" addr add "10.78.0.$address/24" dev "$prefix-$name"
    ip -n "$(ns "$name")" link set "$prefix-$name" up
    ip -n "$(ns "$name")" link set lo up
    ip -n "$(ns sw)" link set "$prefix-s$address" master "$prefix-br" up
    address=$((address + 1))
done
ip link add "$prefix-pm" netns "$(ns mining)" type veth peer name "$prefix-pk" netns "$(ns markets)"
ip -n "$(ns mining)" addr add 10.79.0.1/24 dev "$prefix-pm"
ip -n "$(ns markets)" addr add 10.79.0.2/24 dev "$prefix-pk"
ip -n "$(ns mining)" link set "$prefix-pm" up
ip -n "$(ns markets)" link set "$prefix-pk" up

step "daemon: lotus daemon --devnet on 10.78.0.1"
start daemon daemon.log env LOTUS_API_LISTENADDRESS=/ip4/10.78.0.1/tcp/1234/http \
    LOTUS_LIBP2P_LISTENADDRESSES=/ip4/10.78.0.1/tcp/1235 lotus daemon --devnet --block-time 100ms
on daemon lotus wait-api --timeout 60s >/dev/null
fullnode="$(cat "$dir/lotus/token"):/ip4/10.78.0.1/tcp/1234/http"

quick_deals='[Dealmaking]
  ExpectedSealDuration = "0s"
  StartEpochSealingBuffer = 10
  PublishMsgPeriod = "0s"'
monolith_config="[API]
  ListenAddress = \"/ip4/10.79.0.1/tcp/2345/http\"
  RemoteListenAddress = \"10.79.0.1:2345\"
[Libp2p]
  ListenAddresses = [\"/ip4/10.78.0.2/tcp/24001\"]
$quick_deals"
mkdir -p "$dir/backups"
run_miner() { # the node on the miner repo, in the mining namespace
    start mining miner.log env FULLNODE_API_INFO="$fullnode" LOTUS_BACKUP_BASE_PATH="$dir/backups" \
        LOTUS_MINER_PATH="$dir/miner" lotus-miner run
    wait_file "$dir/miner/api"
}
stop_node() { # stop_node NS REPO: lotus-miner stop, then wait for its api file to go
    on "$1" env LOTUS_MINER_PATH="$2" lotus-miner stop
    for _ in $(seq 600); do [[ -f $2/api ]] || return 0; sleep 0.1; done
    fail "the node on $2 did not stop"
}

step "1. monolith: lotus-miner init --owner, run, storage attach, set-ask, set-addrs"
on mining lotus-miner init --owner "$(on mining lotus wallet default)" >"$dir/init.log"
printf '%s\n' "$monolith_config" >"$dir/miner/config.toml"
run_miner
on mining lotus-miner storage attach --init --seal --store "$dir/store"
on mining lotus-miner storage-deals set-ask --price 0 --verified-price 0 --max-piece-size 8MiB
on mining lotus-miner actor set-addrs /ip4/10.78.0.2/tcp/24001 >/dev/null

# deal NAME SIZE: a file of SIZE random bytes (its CAR must fit a 2 KiB sector: 2032 bytes) imported and dealt from the
# client's namespace; waits for Active.
deal() {
    head -c "$2" /dev/urandom >"$dir/$1"
    local data proposal state=""
    data=$(on client lotus client import "$dir/$1" | awk '{print $NF}')
    proposal=$(on client lotus client deal --start-epoch "$(($(on client lotus chain head --height) + 300))" "$data" t01000 0 20000)
    for _ in $(seq 900); do
        state=$(on client lotus client get-deal "$proposal")
        [[ $state == *'"State": 7'* ]] && break
        sleep 0.2
    done
    [[ $state == *'"State": 7'* ]] || fail "deal $1 ($proposal) did not become Active: $state"
    echo "$data $proposal" >"$dir/$1.deal"
}
# retrieve NAME: the deal's data retrieved from the client's namespace, byte-identical.
retrieve() {
    local data
    data=$(cut -d' ' -f1 "$dir/$1.deal")
    rm -f "$dir/$1.out"
    on client lotus client retrieve --provider t01000 "$data" "$dir/$1.out" >/dev/null
    cmp -s "$dir/$1" "$dir/$1.out" || fail "retrieved $1 differs from what was stored"
}
deal before-split 1500
echo "   deal before-split Active: $(cut -d' ' -f2 "$dir/before-split.deal")"

step "2. lotus-miner backup (LOTUS_BACKUP_BASE_PATH=$dir/backups)"
on mining lotus-miner backup "$dir/backups/backup.cbor"

step "3-5. seed config, auth api-info, init service in the markets namespace"
cat >"$dir/seed.toml" <<EOF
[API]
  ListenAddress = "/ip4/10.79.0.2/tcp/8787/http"
  RemoteListenAddress = "10.79.0.2:8787"
[Libp2p]
  ListenAddresses = ["/ip4/10.78.0.3/tcp/24002"]
$quick_deals
EOF
api_info=$(on mining lotus-miner auth api-info --perm=admin)
on markets lotus-miner --markets-repo="$dir/markets" init service --type=markets \
    --api-sealer="$api_info" --api-sector-index="$api_info" --config="$dir/seed.toml" "$dir/backups/backup.cbor" >"$dir/init-service.log"
grep -q "ACTOR ADDRESS: t01000" "$dir/init-service.log" || fail "init service: $(cat "$dir/init-service.log")"

step "6-8. mining node restarted with EnableMarkets = false; markets node started; set-addrs"
stop_node mining "$dir/miner"
printf '%s\n[Subsystems]\n  EnableMarkets = false\n' "$(printf '%s\n' "$monolith_config" | sed '/^\[Libp2p\]/,/^  ListenAddresses/d')" >"$dir/miner/config.toml"
run_miner
cp "$dir/miner/storage.json" "$dir/markets/storage.json"
mv "$dir/miner/dagstore" "$dir/markets/"
start markets markets.log env FULLNODE_API_INFO="$fullnode" LOTUS_MINER_PATH="$dir/markets" lotus-miner run
wait_file "$dir/markets/api"
on mining lotus-miner actor set-addrs /ip4/10.78.0.3/tcp/24002 >/dev/null
markets() { on markets env LOTUS_MARKETS_PATH="$dir/markets" lotus-miner "$@"; }
markets info | grep -q "from markets API): \[Markets\]" || fail "lotus-miner info does not show the markets node"

step "   connectivity from the client's namespace"
reachable client 10.78.0.3 24002 || fail "the client cannot reach the markets node's libp2p port 10.78.0.3:24002"
ports=$(ip netns exec "$(ns mining)" ss -ltnH | awk '{print $4}' | sed 's/.*://' | sort -un)
[[ -n $ports ]] || fail "the mining node listens on no port?"
for port in $ports; do
    for ip in 10.78.0.2 10.79.0.1; do
        if reachable client "$ip" "$port"; then fail "the client reaches the mining node at $ip:$port"; fi
    done
done
echo "   client -> markets libp2p 10.78.0.3:24002: open; client -> mining node ports $(echo $ports): closed"

step "   a deal while split; both deals retrieved from the client's namespace; no faulty sector"
deal during-split 1700
retrieve before-split
retrieve during-split
faults=$(on mining lotus-miner proving faults | tail -n +3)
[[ -z $faults ]] || fail "faulty sectors while split: $faults"
markets storage-deals list | grep -c StorageDealActive | grep -qx 2 || fail "the markets node does not list both deals Active"

step "9. rollback: stop both, export-datastore, import-datastore, monolith again, set-peer-id, set-addrs"
stop_node markets "$dir/markets"
stop_node mining "$dir/miner"
on mining lotus-shed market export-datastore --repo "$dir/markets" --backup-dir "$dir/deals-backup" >/dev/null
on mining lotus-shed market import-datastore --repo "$dir/miner" --backup-path "$dir/deals-backup/markets.datastore.backup" >/dev/null
mv "$dir/markets/dagstore" "$dir/miner/"
printf '%s\n' "$monolith_config" >"$dir/miner/config.toml"
run_miner
on mining lotus-miner actor set-peer-id "$(on mining lotus-miner net id)" >/dev/null
on mining lotus-miner actor set-addrs /ip4/10.78.0.2/tcp/24001 >/dev/null
on mining lotus-miner storage-deals list | grep -c StorageDealActive | grep -qx 2 || fail "the monolith does not list both deals Active"
retrieve before-split
retrieve during-split

step "runbook complete across namespaces: 2 deals Active and retrievable on the monolith"
