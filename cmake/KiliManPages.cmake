# A man page per program, made at build time by help2man from the program's own --help and
# --version, so that the pages cannot drift from the options. help2man runs the programs found
# through PATH (their usage line then names the program, not its path in the build folder) and
# with no display, which also checks that `kili-desk --help` needs none.
# Off under the sanitizers: a leak report at exit would fail the build, and nothing is installed.
if(KILI_SANITIZE)
    set(kili_man_default OFF)
else()
    set(kili_man_default ON)
endif()
option(KILI_BUILD_MANPAGES "Make the man pages with help2man (needs help2man)" ${kili_man_default})
if(NOT KILI_BUILD_MANPAGES)
    return()
endif()
find_program(KILI_HELP2MAN help2man)
find_program(KILI_GZIP gzip)
if(NOT KILI_HELP2MAN OR NOT KILI_GZIP)
    message(WARNING "help2man or gzip not found: no man pages (scripts/deps.sh installs them)")
    return()
endif()

set(kili_man_pages)
function(kili_add_man_page program summary)
    if(NOT TARGET ${program})
        return()
    endif()
    set(page "${CMAKE_BINARY_DIR}/man/${program}.1")
    add_custom_command(
        OUTPUT "${page}.gz"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/man"
        COMMAND "${CMAKE_COMMAND}" -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY
                "PATH=$<TARGET_FILE_DIR:${program}>:$ENV{PATH}"
                "${KILI_HELP2MAN}" --no-info --section=1 "--name=${summary}" "--output=${page}"
                ${program}
        COMMAND "${KILI_GZIP}" -9nf "${page}"
        DEPENDS ${program}
        COMMENT "Man page of ${program} (help2man)"
        VERBATIM)
    set(kili_man_pages ${kili_man_pages} "${page}.gz" PARENT_SCOPE)
endfunction()

kili_add_man_page(kili-desk "desktop client for the Kili labeling platform")
kili_add_man_page(kili-desk-cli "inspect Kili projects and import model predictions")
kili_add_man_page(kili-sandbox "local Kili-compatible GraphQL server")
if(kili_man_pages)
    add_custom_target(kili_man_pages ALL DEPENDS ${kili_man_pages})
    install(FILES ${kili_man_pages} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
endif()
