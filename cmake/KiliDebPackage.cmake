# The Debian package: `cpack -G DEB` in a release build folder (scripts/package does it) makes
# kili-desk_<version>_amd64.deb. Depends comes from the libraries the programs link
# (dpkg-shlibdeps), plus the Qt plugins they load at run time, which no ELF header names.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kili-desk)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "Kili Desk developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# One string (a list would show its semicolons), in lines short enough for apt's display.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "Kili Desk browses the projects of a Kili labeling server: their interface,\n"
    "their assets and labels, drawn on the assets. It imports model predictions,\n"
    "checked against the project's interface before anything is sent, with\n"
    "resume and rollback. The package holds the desktop application kili-desk,\n"
    "the command line kili-desk-cli and kili-sandbox, a local Kili-compatible\n"
    "server for working offline.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Kili Desk developers <maintainers@kili-desk.example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps adds the libraries the programs link (Qt, libyaml-cpp0.7 for YOLO's data.yaml…).
# The platform plugins (xcb, wayland) that kili-desk needs to show a window, and the SQLite driver
# of the sandbox's storage.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
