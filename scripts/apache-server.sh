#!/usr/bin/env bash
# Throwaway Apache httpd for local runs and tests of counters-ship (Debian's apache2 package).
#
#   scripts/apache-server.sh start DIR PORT LOG
#       write DIR/httpd.conf and start httpd on 127.0.0.1:PORT, serving DIR/htdocs (created with an
#       index.html when missing), writing its access log in the combined format to LOG: a file, or
#       "|command args…" for a piped logger such as counters-ship. Its error log, where a piped
#       logger's standard error goes too, is DIR/error.log.
#   scripts/apache-server.sh stop DIR
#       graceful stop: requests in flight finish, a piped logger gets SIGTERM and the end of its input;
#       returns once httpd has exited (the piped logger may still be finishing)
#
# Installs Debian's apache2 package when missing, which needs root. As root, the workers run as
# www-data (httpd refuses to serve as root), so DIR and htdocs are made readable by everyone; the
# piped logger runs as the user who started httpd. Only modules from /usr/lib/apache2/modules are
# loaded, and nothing from /etc/apache2 is read.
set -euo pipefail

readonly HTTPD=/usr/sbin/apache2
readonly MODULES=/usr/lib/apache2/modules

readonly SERVER_SCRIPT=apache-server
source "$(dirname "${BASH_SOURCE[0]}")/lib/throwaway-server.sh"

usage() {
    echo "usage: $0 start DIR PORT LOG | stop DIR" >&2
    exit 2
}

ensure_apache_installed() {
    if [[ -x "$HTTPD" ]]; then
        return
    fi
    install_debian_package apache2 "Apache httpd"
    [[ -x "$HTTPD" ]] || die "apache2 installed, but no $HTTPD"
}

write_config() {
    local dir=$1 port=$2 target=$3
    # The log target is written between double quotes: a quote inside it would end the directive.
    [[ "$target" != *'"'* ]] || die "the log target must not contain a double quote"
    {
        echo "ServerRoot \"$dir\""
        echo "ServerName 127.0.0.1"
        echo "Listen 127.0.0.1:$port"
        echo "PidFile \"$dir/run/httpd.pid\""
        echo "DefaultRuntimeDir \"$dir/run\""
        echo "ErrorLog \"$dir/error.log\""
        echo "LogLevel warn"
        echo "LoadModule mpm_event_module $MODULES/mod_mpm_event.so"
        echo "LoadModule authz_core_module $MODULES/mod_authz_core.so"
        echo "LoadModule dir_module $MODULES/mod_dir.so"
        echo "LoadModule mime_module $MODULES/mod_mime.so"
        # Debian builds these two into httpd; other builds have them as modules.
        echo "<IfModule !log_config_module>"
        echo "  LoadModule log_config_module $MODULES/mod_log_config.so"
        echo "</IfModule>"
        echo "<IfModule !unixd_module>"
        echo "  LoadModule unixd_module $MODULES/mod_unixd.so"
        echo "</IfModule>"
        if [[ $EUID -eq 0 ]]; then
            echo "User www-data"
            echo "Group www-data"
        fi
        echo "StartServers 1"
        echo "ThreadsPerChild 16"
        echo "MaxRequestWorkers 32"
        echo "TypesConfig /dev/null"
        echo "AddType text/html .html"
        echo "AddType text/css .css"
        echo "DocumentRoot \"$dir/htdocs\""
        echo "DirectoryIndex index.html"
        echo "<Directory \"$dir/htdocs\">"
        echo "  Require all granted"
        echo "</Directory>"
        echo "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-agent}i\\\"\" combined"
        echo "CustomLog \"$target\" combined"
    } > "$dir/httpd.conf"
}

cmd_start() {
    local dir=$1 port=$2 target=$3
    [[ "$port" =~ ^[0-9]+$ ]] || die "not a port: $port"
    ensure_apache_installed
    mkdir -p -- "$dir/run" "$dir/htdocs"
    dir=$(cd -- "$dir" && pwd -P)
    [[ -f "$dir/htdocs/index.html" ]] || echo '<!doctype html><title>counters-ship test</title>' > "$dir/htdocs/index.html"
    if [[ $EUID -eq 0 ]]; then
        chmod -R a+rX "$dir"
    fi
    write_config "$dir" "$port" "$target"
    "$HTTPD" -f "$dir/httpd.conf" -t >&2 2>&1 || die "httpd refused $dir/httpd.conf"
    "$HTTPD" -f "$dir/httpd.conf" -k start >&2 || die "httpd did not start, see $dir/error.log"
    local attempt
    for attempt in $(seq 1 100); do
        if listening "$port"; then
            log "httpd listening on 127.0.0.1:$port"
            return
        fi
        sleep 0.1
    done
    tail -n 20 "$dir/error.log" >&2 2>/dev/null || true
    die "httpd is not listening on 127.0.0.1:$port after 10 s"
}

cmd_stop() {
    local dir=$1
    [[ -f "$dir/httpd.conf" ]] || die "no $dir/httpd.conf"
    local pid_file=$dir/run/httpd.pid pid
    if [[ ! -f "$pid_file" ]]; then
        log "httpd in $dir is not running"
        return
    fi
    pid=$(cat "$pid_file")
    "$HTTPD" -f "$dir/httpd.conf" -k graceful-stop >&2
    local attempt
    for attempt in $(seq 1 300); do
        if ! kill -0 "$pid" 2>/dev/null; then
            return
        fi
        sleep 0.1
    done
    log "httpd $pid still running 30 s after graceful-stop: stopping it"
    "$HTTPD" -f "$dir/httpd.conf" -k stop >&2
}

case "${1:-}" in
    start) [[ $# -eq 4 ]] || usage; cmd_start "$2" "$3" "$4" ;;
    stop)  [[ $# -eq 2 ]] || usage; cmd_stop "$2" ;;
    *)     usage ;;
esac
