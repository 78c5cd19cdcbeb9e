# crmctl's git merge driver for record files, registered by `crmctl init --git` as
#   /bin/sh /path/to/crmctl/store/merge_driver.sh /path/to/python %O %A %B %P
# git starts it once per file. Starting Python with the merge code costs some 60 ms, a minute for a
# pull of a thousand files, so the first file starts a worker (merge_service.py) that stays while
# files keep coming, and each later file is handed to it through a FIFO. Only shell builtins run
# here and every program is named by its absolute path, so it works whatever git's PATH is.
py=$1 base=$2 ours=$3 theirs=$4 name=$5
PYTHONPATH=${0%/*/*/*}
export PYTHONPATH
case $name in
*/records/*) dir=${name%%/records/*}/.crmctl/merge ;;
*) dir=.crmctl/merge ;;
esac
tab='	'
case "$PWD$base$ours$theirs$name" in
*"$tab"* | *'
'*) exec "$py" -m crmctl.store.merge_service merge "$base" "$ours" "$theirs" "$name" ;;
esac
alive=
if [ -p "$dir/in" ] && [ -p "$dir/out" ] && read -r pid <"$dir/pid" && kill -0 "$pid"; then
    alive=1
fi 2>/dev/null
if [ -n "$alive" ] && (set -C && : >"$dir/turn") 2>/dev/null; then
    # A worker that dies (or hangs past $wait seconds, then is killed) from here on must not hang
    # git: the watcher then keeps opening the reply pipe, which releases this client from opening
    # it, and the client reads its end and merges the file itself.
    wait=${CRMCTL_MERGE_TIMEOUT:-10}
    case $wait in '' | *[!0-9]*) wait=10 ;; esac
    (
        i=0
        while kill -0 "$pid" && [ "$i" -lt "$wait" ]; do
            /bin/sleep 1
            i=$((i + 1))
        done
        kill -0 "$pid" && kill -9 "$pid"
        while kill -0 "$$" && [ -p "$dir/out" ]; do
            : <>"$dir/out"
            /bin/sleep 1
        done
    ) </dev/null >/dev/null 2>&1 &
    watcher=$!
    # Opened for reading and writing, so writing never waits for a reader that is gone.
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$$" "$PWD" "$base" "$ours" "$theirs" "$name" 1<>"$dir/in"
    status=
    while IFS= read -r line; do
        case $line in
        "$$ say "*) printf '%s\n' "${line#"$$ say "}" >&2 ;;
        "$$ exit "*) status=${line#"$$ exit "} && break ;;
        esac
    done <"$dir/out"
    kill "$watcher" 2>/dev/null
    [ -n "$status" ] && exit "$status"
    printf 'crmctl: the merge worker stopped before answering for %s: merging it here\n' "$name" >&2
    exec "$py" -m crmctl.store.merge_service merge "$base" "$ours" "$theirs" "$name"
fi
if [ -z "$alive" ]; then
    "$py" -m crmctl.store.merge_service serve "$dir" </dev/null >/dev/null 2>&1 &
fi
exec "$py" -m crmctl.store.merge_service merge "$base" "$ours" "$theirs" "$name"
