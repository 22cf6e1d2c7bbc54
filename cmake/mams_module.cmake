# The build shape of a module: one static library per module, linking only the modules it
# declares, with the layering rule (cmake/check_layering.cmake) checked as part of its build.
#
#   mams_add_module(NAME accounts
#                   SOURCES customers/customer_service.cpp …
#                   TESTS customers/credit_code_test.cpp …     # unit tests beside the code
#                   SYSTEM_TESTS tests/customers_test.cpp …    # real node, both databases
#                   DEPENDS identity                            # other modules it uses
#                   LIBRARIES OpenSSL::Crypto)                  # third-party, private
#
# The target is mams_<NAME>. Every module links mams_core (node/). TESTS are compiled into
# the one mams_unit_tests binary, SYSTEM_TESTS into the one mams_system_tests binary
# (tests/CMakeLists.txt, which also holds their support code) to keep link time low.

# Appends sources (relative paths are from the calling folder) to the global list `property`,
# which a test binary of tests/CMakeLists.txt is built from.
function(mams_collect_sources property)
  foreach(source IN LISTS ARGN)
    cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
    set_property(GLOBAL APPEND PROPERTY ${property} ${source})
  endforeach()
endfunction()

# Adds unit-test sources to mams_unit_tests.
function(mams_add_unit_tests)
  mams_collect_sources(MAMS_UNIT_TEST_SOURCES ${ARGN})
endfunction()

# Adds system-test sources to mams_system_tests (label `system`; they may use tests/support/).
function(mams_add_system_tests)
  mams_collect_sources(MAMS_SYSTEM_TEST_SOURCES ${ARGN})
endfunction()

# Checks the includes of every .h and .cpp under the calling folder against DEPENDS before
# `target` compiles: an undeclared include or one of another module's internal headers fails
# the build. EXCLUDE lists folder-relative paths (files or folders) left out.
function(mams_check_layering target name)
  cmake_parse_arguments(PARSE_ARGV 2 ARG "" "" "DEPENDS;EXCLUDE")
  file(GLOB_RECURSE files CONFIGURE_DEPENDS LIST_DIRECTORIES false
       RELATIVE ${PROJECT_SOURCE_DIR}
       ${CMAKE_CURRENT_SOURCE_DIR}/*.h ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  file(RELATIVE_PATH dir ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  foreach(excluded IN LISTS ARG_EXCLUDE)
    list(FILTER files EXCLUDE REGEX "^${dir}/${excluded}")
  endforeach()
  set(list_file ${CMAKE_CURRENT_BINARY_DIR}/${name}_layering_files.txt)
  list(JOIN files "\n" lines)
  file(CONFIGURE OUTPUT ${list_file} CONTENT "${lines}\n" @ONLY)
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${name}_layering.stamp)
  set(map ${CMAKE_BINARY_DIR}/mams_modules.txt)
  list(TRANSFORM files PREPEND ${PROJECT_SOURCE_DIR}/ OUTPUT_VARIABLE inputs)
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -DMODULE=${name} "-DDEPENDS=${ARG_DEPENDS}"
            -DROOT=${PROJECT_SOURCE_DIR} -DMAP=${map} -DFILES=${list_file} -DSTAMP=${stamp}
            -P ${PROJECT_SOURCE_DIR}/cmake/check_layering.cmake
    DEPENDS ${inputs} ${list_file} ${map} ${PROJECT_SOURCE_DIR}/cmake/check_layering.cmake
    COMMENT "Checking the includes of module ${name}"
    VERBATIM)
  add_custom_target(${target}_layering DEPENDS ${stamp})
  add_dependencies(${target} ${target}_layering)
  set_property(GLOBAL APPEND PROPERTY MAMS_MODULE_MAP "${name} ${dir}")
endfunction()

function(mams_add_module)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "" "NAME" "SOURCES;TESTS;SYSTEM_TESTS;DEPENDS;LIBRARIES")
  if(NOT ARG_NAME OR NOT ARG_SOURCES)
    message(FATAL_ERROR "mams_add_module: NAME and SOURCES are required")
  endif()
  set(target mams_${ARG_NAME})
  add_library(${target} STATIC ${ARG_SOURCES})
  mams_target_defaults(${target})
  list(TRANSFORM ARG_DEPENDS PREPEND mams_ OUTPUT_VARIABLE linked)
  target_link_libraries(${target} PUBLIC mams_core ${linked} PRIVATE ${ARG_LIBRARIES})
  mams_add_unit_tests(${ARG_TESTS})
  mams_add_system_tests(${ARG_SYSTEM_TESTS})
  mams_check_layering(${target} ${ARG_NAME} DEPENDS ${ARG_DEPENDS})
endfunction()

# Writes the module map the checks read ("<name> <folder>" per line); call once, after every
# module is declared.
function(mams_write_module_map)
  get_property(entries GLOBAL PROPERTY MAMS_MODULE_MAP)
  list(JOIN entries "\n" lines)
  file(CONFIGURE OUTPUT ${CMAKE_BINARY_DIR}/mams_modules.txt CONTENT "${lines}\n" @ONLY)
endfunction()

# Compiles an error table (YAML: code → {zh, en}, see node/common/error_table.h) into `target`
# as `const std::vector<ErrorMessage>& NAMESPACE::FUNCTION()`, parsed on its first call (at
# start: a malformed table stops the node, and the unit tests that load every table):
#
#   mams_error_table(mams_accounts accounts_errors.yaml
#                    NAMESPACE mams::accounts FUNCTION AccountsErrorMessages)
#
# CMake runs again when the file changes.
function(mams_error_table target file)
  cmake_parse_arguments(PARSE_ARGV 2 ARG "" "NAMESPACE;FUNCTION" "")
  cmake_path(ABSOLUTE_PATH file BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} OUTPUT_VARIABLE path)
  file(READ ${path} MAMS_ERRORS_YAML)
  string(FIND "${MAMS_ERRORS_YAML}" ")mams_yaml\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${path}: the text )mams_yaml\" would end the literal it is compiled into")
  endif()
  file(RELATIVE_PATH MAMS_ERRORS_SOURCE ${PROJECT_SOURCE_DIR} ${path})
  set(MAMS_ERRORS_NAMESPACE ${ARG_NAMESPACE})
  set(MAMS_ERRORS_FUNCTION ${ARG_FUNCTION})
  cmake_path(GET path STEM stem)
  set(generated ${CMAKE_CURRENT_BINARY_DIR}/${stem}.cpp)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/error_table.cpp.in ${generated} @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${path})
  target_sources(${target} PRIVATE ${generated})
endfunction()
