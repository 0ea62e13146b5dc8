#!/bin/sh
# A scripted browser (set as BROWSER): the user allows the sign-in, so the browser follows the sign-in
# page's redirect back to the command's loopback redirect. It records where it ended in $BROWSER_LOG.
url="$1"
final=$(curl -sS -L --max-time 30 -o /dev/null -w '%{url_effective}' "$url") || exit 1
[ -n "$BROWSER_LOG" ] && printf '%s\n' "$final" >> "$BROWSER_LOG"
exit 0
