#!/bin/sh
# crmctl's guard for the shared remote: a bare repository's `hooks/pre-receive`. It refuses a push
# whose new commits fail `crmctl check` (the archive as the pushed branch leaves it) or
# `crmctl audit` (a commit that removed or altered a history entry, or changed a field without one).
#
#   ln -s /path/to/site-packages/crmctl/store/pre-receive.sh /srv/crm.git/hooks/pre-receive
#
# CRMCTL names the command if `crmctl` is not on the server's PATH, e.g.
# CRMCTL="/opt/crmctl/bin/python -m crmctl". The archive's crmctl.yaml is at the repository's top.
crmctl=${CRMCTL:-crmctl}
GIT_DIR=$(cd "${GIT_DIR:-.}" && pwd) || exit 1
export GIT_DIR
zero=0000000000000000000000000000000000000000
status=0
while read -r old new ref; do
    [ "$new" = "$zero" ] && continue
    tree=$(mktemp -d) || exit 1
    git archive "$new" | tar -x -C "$tree" || status=1
    if [ "$old" = "$zero" ]; then
        set -- "$new" --not --all
    else
        set -- "$old..$new"
    fi
    if ! (cd "$tree" && $crmctl --root "$tree" check >&2 && $crmctl --root "$tree" audit -- "$@" >&2); then
        echo "crmctl: refusing $ref: the pushed commits fail crmctl check or crmctl audit (above)" >&2
        status=1
    fi
    rm -rf "$tree"
done
exit $status
