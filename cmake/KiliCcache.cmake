# ccache as the compiler launcher when it is installed (scripts/deps.sh installs it). The cache
# lives in ccache's own folder (~/.cache/ccache, or CCACHE_DIR), outside every clone, so that a
# fresh clone on the same machine — what CI builds — is served by the previous runs.
#
# For that, the cache key must not contain the clone's path: base_dir makes every path under the
# source folder relative (system headers keep their absolute paths, which are the same for every
# clone), and hash_dir off leaves the working folder out of the key of -g builds (the debug info
# then names the folder of the build that filled the cache; nothing here reads it).
option(KILI_CCACHE "Compile through ccache when it is installed" ON)
set(KILI_CCACHE_BASEDIR "${CMAKE_SOURCE_DIR}" CACHE PATH
    "ccache base_dir: paths under it are made relative before hashing")

if(KILI_CCACHE)
    find_program(KILI_CCACHE_PROGRAM ccache)
    find_program(KILI_ENV_PROGRAM env)
endif()

# A launcher someone chose (sccache, distcc…) is kept; a bare "ccache" gets the settings above.
function(kili_use_ccache lang)
    set(current "${CMAKE_${lang}_COMPILER_LAUNCHER}")
    if(current AND NOT current MATCHES "(^|/)ccache$")
        return()
    endif()
    set(CMAKE_${lang}_COMPILER_LAUNCHER
        "${KILI_ENV_PROGRAM}" "CCACHE_BASEDIR=${KILI_CCACHE_BASEDIR}" "CCACHE_NOHASHDIR=1"
        "${KILI_CCACHE_PROGRAM}"
        PARENT_SCOPE)
endfunction()

if(KILI_CCACHE_PROGRAM AND KILI_ENV_PROGRAM)
    kili_use_ccache(CXX)
    kili_use_ccache(C)
    message(STATUS "Compiler cache: ${KILI_CCACHE_PROGRAM} (base_dir ${KILI_CCACHE_BASEDIR})")
endif()
