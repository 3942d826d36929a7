# The version has one source: project(VERSION …) in the top CMakeLists.txt. The three programs
# and the About dialog read it, with the git commit, from a generated header:
#   #include "kiliversion.h"   kili::build::version, kili::build::commit, kili::build::versionAndCommit
# The header is rewritten at every build (only when its content changes, so nothing recompiles
# needlessly): a commit made without reconfiguring still shows in `--version`.
set(KILI_GENERATED_DIR "${CMAKE_BINARY_DIR}/generated")
add_custom_target(kili_version_header
    COMMAND "${CMAKE_COMMAND}" -DSOURCE_DIR=${CMAKE_SOURCE_DIR}
            -DOUTPUT=${KILI_GENERATED_DIR}/kiliversion.h -DVERSION=${PROJECT_VERSION}
            -P "${CMAKE_CURRENT_LIST_DIR}/KiliWriteVersion.cmake"
    BYPRODUCTS "${KILI_GENERATED_DIR}/kiliversion.h"
    VERBATIM)

add_library(kiliversion INTERFACE)
target_include_directories(kiliversion INTERFACE "${KILI_GENERATED_DIR}")
add_dependencies(kiliversion kili_version_header)
