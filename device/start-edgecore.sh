#!/bin/sh
# start-edgecore.sh: starts KubeEdge's edgecore with the cloud token set in its config.
# Refuses to start without a token. Prefer --token-file or EDGECORE_TOKEN: a --token argument is
# visible to every user in the process list. The token is read and written with shell builtins only,
# so no process this script starts carries it in its arguments.
set -u

PROG=start-edgecore.sh
CONFIG=/etc/kubeedge/config/edgecore.yaml
TOKEN=${EDGECORE_TOKEN:-}
# Where edge-build's Deploy --cloud-token installs the token (0600); read when no other token is given.
DEPLOYED_TOKEN_FILE=/etc/kubeedge/cloud-token
FOREGROUND=0
LOG=/var/log/edgecore.log
PIDFILE=/var/run/edgecore.pid

usage() {
	cat <<USAGE
Usage: $PROG [--token-file FILE | --token TOKEN] [options]
Writes the cloud token into edgecore.yaml (modules.edgeHub.token) and starts edgecore.
Get a token on the cloud side with: keadm gettoken

  --token-file FILE   read the token from FILE (recommended; default $DEPLOYED_TOKEN_FILE when it exists)
  --token TOKEN       the token itself (visible in the process list; EDGECORE_TOKEN works too)
  --config FILE       edgecore.yaml (default $CONFIG)
  --foreground        run in the foreground instead of logging to $LOG
  -h, --help          this text
USAGE
}

# read (a builtin) trims surrounding blanks; a file without a final newline still fills TOKEN.
read_token_file() {
	IFS=' 	' read -r TOKEN <"$1" || [ -n "$TOKEN" ] || { echo "$PROG: token file $1 is empty" >&2; exit 2; }
}

while [ $# -gt 0 ]; do
	case "$1" in
		--token-file)
			[ -r "${2:?--token-file needs a file}" ] || { echo "$PROG: cannot read token file $2" >&2; exit 2; }
			read_token_file "$2"; shift 2 ;;
		--token) TOKEN=${2:?--token needs a value}; shift 2 ;;
		--config) CONFIG=${2:?--config needs a file}; shift 2 ;;
		--foreground) FOREGROUND=1; shift ;;
		-h | --help) usage; exit 0 ;;
		*) echo "$PROG: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	esac
done

# Rewrites every "token:" line of $CONFIG with $TOKEN, keeping its indentation; a config without one (edge-build
# writes none unless asked to embed the token) gets it as the first key under edgeHub:, indented like its siblings.
# Through a 0600 file beside it (builtins only: the token must not appear in any argv).
write_token() {
	tmp="$CONFIG.tmp.$$"
	rm -f "$tmp"
	has_token=0
	grep -q '^[[:space:]]*token:' "$CONFIG" && has_token=1
	(
		umask 077
		under_edgehub=0
		while IFS= read -r line || [ -n "$line" ]; do
			indent=${line%%[![:space:]]*}
			if [ "$under_edgehub" = 1 ] && [ -n "${line#"$indent"}" ]; then
				printf '%stoken: %s\n' "$indent" "$TOKEN"
				under_edgehub=0
			fi
			case "${line#"$indent"}" in
				token:*) printf '%stoken: %s\n' "$indent" "$TOKEN" ;;
				edgeHub:) printf '%s\n' "$line"; [ "$has_token" = 1 ] || under_edgehub=1 ;;
				*) printf '%s\n' "$line" ;;
			esac
		done <"$CONFIG" >"$tmp"
	) || { rm -f "$tmp"; return 1; }
	chmod 600 "$tmp" || { rm -f "$tmp"; return 1; }
	mv -f "$tmp" "$CONFIG" || { rm -f "$tmp"; return 1; }
}

# The token already in the config, if any (modules.edgeHub.token).
configured_token() {
	sed -n 's/^[[:space:]]*token:[[:space:]]*"\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' "$CONFIG" | head -n 1
}

[ -f "$CONFIG" ] || { echo "$PROG: $CONFIG does not exist (the sidecar installs it; or: edgecore --minconfig > $CONFIG)" >&2; exit 3; }
command -v edgecore >/dev/null 2>&1 || { echo "$PROG: edgecore is not on PATH (the sidecar puts it in /system/bin)" >&2; exit 3; }

if [ -z "$TOKEN" ] && [ -r "$DEPLOYED_TOKEN_FILE" ]; then read_token_file "$DEPLOYED_TOKEN_FILE"; fi
if [ -n "$TOKEN" ]; then
	# keadm tokens are <hex>.<JWT>: letters, digits, dots, dashes and underscores only.
	case "$TOKEN" in
		*[!A-Za-z0-9._-]*) echo "$PROG: the token has characters a keadm token never has; check the token file" >&2; exit 2 ;;
	esac
	if ! grep -q '^[[:space:]]*token:' "$CONFIG" && ! grep -q '^[[:space:]]*edgeHub:[[:space:]]*$' "$CONFIG"; then
		echo "$PROG: $CONFIG has neither a token: line nor an edgeHub: section under modules; regenerate it with edgecore --minconfig" >&2
		exit 3
	fi
	write_token || { echo "$PROG: cannot write $CONFIG" >&2; exit 1; }
elif [ -z "$(configured_token)" ]; then
	echo "$PROG: refusing to start: no cloud token. Get one on the cloud side with 'keadm gettoken', then pass --token-file FILE (or set EDGECORE_TOKEN)." >&2
	exit 4
fi

[ -e /var/run/docker.sock ] || echo "$PROG: WARNING: /var/run/docker.sock is absent; run setup-docker.sh --start first" >&2

if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
	echo "$PROG: edgecore already running (pid $(cat "$PIDFILE"))"
	exit 0
fi
if [ "$FOREGROUND" = 1 ]; then exec edgecore --config "$CONFIG"; fi
mkdir -p "$(dirname "$LOG")" "$(dirname "$PIDFILE")"
edgecore --config "$CONFIG" >>"$LOG" 2>&1 &
echo $! >"$PIDFILE"
echo "$PROG: edgecore started (pid $!), log in $LOG"
