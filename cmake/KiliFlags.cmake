# Every target of the project links kili_flags: the language standard, the warnings (as errors)
# and Qt's strict macros live here and nowhere else.
add_library(kili_flags INTERFACE)
target_compile_features(kili_flags INTERFACE cxx_std_20)
target_compile_options(kili_flags INTERFACE
    -Wall -Wextra -Wpedantic -Werror
    -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
target_compile_definitions(kili_flags INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_KEYWORDS
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_NO_CAST_FROM_BYTEARRAY
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)

if(KILI_SANITIZE)
    target_compile_options(kili_flags INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(kili_flags INTERFACE -fsanitize=address,undefined)
endif()
