# Sourced by scripts/demo, scripts/test and scripts/package: installs the Debian 12 packages the
# build needs when any is missing. Nothing is downloaded from anywhere but the Debian archive.
# ccache: the compiler cache (cmake/KiliCcache.cmake). help2man … bash-completion: the man pages
# made at build time, and the package's validators and shlibdeps (scripts/package). libboost-dev:
# Boost.Geometry (header-only) for the evaluation's polygon areas; libyaml-cpp-dev: Ultralytics'
# data.yaml.
KILI_DEB_PACKAGES=(
    build-essential cmake ninja-build pkg-config clang clang-format libclang-rt-dev
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev
    libqt6sql6-sqlite libgl-dev libsimdjson-dev libyaml-cpp-dev openssl
    libboost-dev libgtest-dev libgmock-dev googletest libbenchmark-dev
    xvfb xauth imagemagick fonts-dejavu-core
    dbus-daemon gnome-keyring
    ccache
    help2man desktop-file-utils appstream dpkg-dev bash-completion
)

kili_install_deps() {
    local missing=()
    for pkg in "${KILI_DEB_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    echo "Installing missing Debian packages: ${missing[*]}"
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

kili_configure_and_build() {
    local preset="$1"
    shift
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" "$@"
}
