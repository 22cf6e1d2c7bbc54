# Runs cmake/check_layering.cmake on the fixtures under modules/: a module that keeps to its
# DEPENDS and their api/ passes; an internal header of a declared module and any header of an
# undeclared one fail, naming the file, the line and the module.
#   cmake -DROOT=<this folder> -DCHECKER=<check_layering.cmake> -DWORK=<scratch dir> -P …
file(MAKE_DIRECTORY ${WORK})
file(WRITE ${WORK}/map.txt "alpha modules/alpha\nbeta modules/beta\ngamma modules/gamma\ncore node\n")

# Checks `file` as module alpha (DEPENDS beta); expects success, or failure with `expected`
# in the output.
function(check_case file expected)
  file(WRITE ${WORK}/files.txt "modules/alpha/${file}\n")
  execute_process(
    COMMAND ${CMAKE_COMMAND} -DMODULE=alpha -DDEPENDS=beta -DROOT=${ROOT} -DMAP=${WORK}/map.txt
            -DFILES=${WORK}/files.txt -P ${CHECKER}
    RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(expected STREQUAL "")
    if(NOT result EQUAL 0)
      message(FATAL_ERROR "${file}: expected to pass, failed:\n${out}")
    endif()
  elseif(result EQUAL 0)
    message(FATAL_ERROR "${file}: expected to fail, passed")
  else()
    string(FIND "${out}" "${expected}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${file}: expected \"${expected}\" in:\n${out}")
    endif()
  endif()
endfunction()

check_case(alpha_ok.cpp "")
check_case(alpha_internal.cpp
  "modules/alpha/alpha_internal.cpp:3: module 'alpha' includes \"modules/beta/beta_store.h\", an internal header of module 'beta'")
check_case(alpha_undeclared.cpp
  "modules/alpha/alpha_undeclared.cpp:3: module 'alpha' includes \"modules/gamma/api/gamma.h\" of module 'gamma', which it does not declare")
