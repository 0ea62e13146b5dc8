#!/bin/sh
# A scripted browser (set as BROWSER) that never shows the sign-in page: it sends the command's
# loopback redirect an answer recorded from an earlier sign-in ($BROWSER_REPLAY: its last line), with
# that sign-in's code and state, as a stale tab or an attacker's page would.
url="$1"
redirect=$(printf '%s' "$url" | sed -n 's/.*[?&]redirect_uri=\([^&]*\).*/\1/p' | sed 's/%3A/:/g; s/%2F/\//g')
old=$(tail -n 1 "$BROWSER_REPLAY")
query=${old#*\?}
curl -sS --max-time 30 -o /dev/null "$redirect?$query"
exit 0
