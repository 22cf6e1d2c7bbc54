# The layering rule of modules, run as a build step of every module target (see
# mams_module.cmake) and by the layering_check test: a module's file may include another
# module's header only when the module is in its DEPENDS, and then only under that module's
# api/ folder. The core (module "core", node/) and headers outside every module folder are
# free to include; the core itself may include no module. A module's system tests (its
# tests/ folder) may also include the composition root (module "app", node/app/).
#
#   cmake -DMODULE=<name> -DDEPENDS=<a;b> -DROOT=<source dir> -DMAP=<modules file>
#         -DFILES=<files file> [-DSTAMP=<file>] -P check_layering.cmake
#
# MAP has one "<name> <folder>" line per module (folders relative to ROOT); FILES one
# ROOT-relative path per line. Every offence is printed as "<file>:<line>: ..." naming the
# module, and the script fails; on success it touches STAMP.
cmake_minimum_required(VERSION 3.25)

file(STRINGS "${MAP}" map_lines)
set(names)
foreach(line IN LISTS map_lines)
  string(REGEX MATCH "^([^ ]+) (.+)$" _ "${line}")
  list(APPEND names "${CMAKE_MATCH_1}")
  set(dir_of_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
endforeach()

# The module owning `path`: the one with the longest folder that is a prefix of it.
function(owner_of path out)
  set(best "")
  set(best_length 0)
  foreach(name IN LISTS names)
    set(dir "${dir_of_${name}}/")
    string(LENGTH "${dir}" length)
    string(SUBSTRING "${path}" 0 ${length} head)
    if(head STREQUAL dir AND length GREATER best_length)
      set(best "${name}")
      set(best_length ${length})
    endif()
  endforeach()
  set(${out} "${best}" PARENT_SCOPE)
endfunction()

file(STRINGS "${FILES}" files)
set(offences 0)
foreach(file IN LISTS files)
  owner_of("${file}" file_owner)
  if(NOT file_owner STREQUAL MODULE)
    continue()  # a nested module's file is checked with that module
  endif()
  file(READ "${ROOT}/${file}" text)
  string(REGEX MATCHALL "#[ \t]*include[ \t]*\"[^\"]+\"" includes "${text}")
  foreach(include IN LISTS includes)
    string(REGEX REPLACE "^.*\"([^\"]+)\"$" "\\1" path "${include}")
    owner_of("${path}" target)
    if(target STREQUAL "" OR target STREQUAL "core" OR target STREQUAL MODULE)
      continue()
    endif()
    # A module's system tests (its tests/ folder) start the whole node (node/app).
    string(FIND "${file}" "${dir_of_${MODULE}}/tests/" in_tests)
    if(target STREQUAL "app" AND in_tests EQUAL 0)
      continue()
    endif()
    string(FIND "${text}" "${include}" at)
    string(SUBSTRING "${text}" 0 ${at} before)
    string(REGEX MATCHALL "\n" newlines "${before}")
    list(LENGTH newlines line)
    math(EXPR line "${line} + 1")
    set(api "${dir_of_${target}}/api/")
    string(LENGTH "${api}" api_length)
    string(SUBSTRING "${path}" 0 ${api_length} head)
    if(NOT target IN_LIST DEPENDS)
      message("${file}:${line}: module '${MODULE}' includes \"${path}\" of module '${target}', "
              "which it does not declare (add ${target} to DEPENDS in its CMakeLists.txt)")
      math(EXPR offences "${offences} + 1")
    elseif(NOT head STREQUAL api)
      message("${file}:${line}: module '${MODULE}' includes \"${path}\", an internal header of "
              "module '${target}' (use its public headers under ${api})")
      math(EXPR offences "${offences} + 1")
    endif()
  endforeach()
endforeach()

if(offences GREATER 0)
  message(FATAL_ERROR "layering: ${offences} include(s) break the module layering of '${MODULE}'")
endif()
if(STAMP)
  file(TOUCH "${STAMP}")
endif()
