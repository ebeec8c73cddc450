# cmake -DSOURCE_DIR=<tree> -DCLANG_FORMAT=<clang-format> -P FormatCheck.cmake
# Fails, naming each file and line, when a C++ source of the tree is not as .clang-format
# writes it. Run by the format-check target; `clang-format -i FILE` fixes a file.
file(GLOB_RECURSE sources LIST_DIRECTORIES false
    "${SOURCE_DIR}/app/*.cpp" "${SOURCE_DIR}/app/*.h"
    "${SOURCE_DIR}/server-stub/*.cpp" "${SOURCE_DIR}/server-stub/*.h"
    "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.h"
    "${SOURCE_DIR}/bench/*.cpp" "${SOURCE_DIR}/bench/*.h")
list(FILTER sources EXCLUDE REGEX "/node_modules/")
list(LENGTH sources count)
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run -Werror ${sources} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "format-check: files above differ from .clang-format (fix with clang-format -i)")
endif()
message(STATUS "format-check: ${count} C++ files formatted as .clang-format says")
