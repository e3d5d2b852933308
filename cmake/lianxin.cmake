# Small helpers shared by every module: one static library per module, one
# GoogleTest executable per module, one executable per benchmark.

# lianxin_add_module(NAME SOURCES a.cc b.cc DEPS lianxin_core ...)
function(lianxin_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(lianxin_${name} STATIC ${ARG_SOURCES})
  target_include_directories(lianxin_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(lianxin_${name} PUBLIC ${ARG_DEPS})
  target_compile_options(lianxin_${name} PRIVATE -Wall -Wextra)
endfunction()

# lianxin_add_test(MODULE SOURCES a_test.cc ... DEPS extra libs [LABELS slow])
# Builds <module>_tests and registers every test case with CTest.
function(lianxin_add_test module)
  if(NOT LIANXIN_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${module}_tests ${ARG_SOURCES})
  target_link_libraries(${module}_tests PRIVATE lianxin_${module} ${ARG_DEPS}
                        lianxin_testutil GTest::gtest GTest::gtest_main)
  set(labels ${module})
  if(ARG_LABELS)
    list(APPEND labels ${ARG_LABELS})
  endif()
  gtest_discover_tests(${module}_tests
    TEST_PREFIX "${module}."
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    PROPERTIES LABELS "${labels}"
    DISCOVERY_TIMEOUT 60)
endfunction()
