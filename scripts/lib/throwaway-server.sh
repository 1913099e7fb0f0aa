# Sourced by the throwaway-server scripts (apache-server.sh, postgres-server.sh): their messages on
# stderr, installing the Debian package a server comes from, and the loopback port probe. The sourcing
# script sets SERVER_SCRIPT first: the name its messages start with.

log() { printf '%s\n' "$SERVER_SCRIPT: $*" >&2; }
die() { log "error: $*"; exit 1; }

# install_debian_package PACKAGE WHAT: installs PACKAGE, which brings WHAT (named in the errors), with
# apt-get; that needs root, so anyone else is told what to install.
install_debian_package() {
    local package=$1 what=$2
    [[ $EUID -eq 0 ]] || die "$what is not installed and installing it needs root (apt-get install $package)"
    command -v apt-get >/dev/null || die "$what is not installed and apt-get is not available"
    log "installing Debian package $package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends "$package" >&2
}

# listening PORT: true when something accepts connections on 127.0.0.1:PORT.
listening() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
