# Test helpers for tests/ and for the prebuilt plugins' own tests (plugins/<name>/tests), so it
# is included before plugins/ is read.
find_package(Catch2 REQUIRED)
include(Catch)

add_library(actionhost_catch_main OBJECT ${PROJECT_SOURCE_DIR}/tests/catch_main.cpp)
target_link_libraries(actionhost_catch_main PUBLIC Catch2::Catch2)

# actionhost_unit_test(NAME SOURCES <files...> LIBRARIES <libs...>)
# One Catch2 executable in build/tests; each TEST_CASE becomes its own ctest test.
function(actionhost_unit_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  add_executable(${name} ${ARG_SOURCES} $<TARGET_OBJECTS:actionhost_catch_main>)
  target_link_libraries(${name} PRIVATE Catch2::Catch2 ${ARG_LIBRARIES})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  catch_discover_tests(${name} TEST_PREFIX "${name}: " WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endfunction()

# actionhost_plugin_tests(PLUGIN SOURCES <files in the plugin's tests/...>)
# A prebuilt plugin's own tests, from the plugin's CMakeLists: PLUGIN_unit_tests (its actions
# through the test kit, against handlers and recorded fixtures; PLUGIN_PATH names the built
# plugin, FIXTURE_DIR its tests/ folder) and PLUGIN_fixtures (every fixture recorded in tests/
# replayed by `actionhost test`).
function(actionhost_plugin_tests plugin)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  set(dir ${CMAKE_CURRENT_SOURCE_DIR}/tests)
  list(TRANSFORM ARG_SOURCES PREPEND ${dir}/)
  actionhost_unit_test(${plugin}_unit_tests SOURCES ${ARG_SOURCES} LIBRARIES ActionHost::testkit)
  target_include_directories(${plugin}_unit_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}
                                                          ${PROJECT_SOURCE_DIR}/plugins/shared)
  target_compile_definitions(${plugin}_unit_tests PRIVATE PLUGIN_PATH="$<TARGET_FILE:${plugin}>"
                                                          FIXTURE_DIR="${dir}")
  add_dependencies(${plugin}_unit_tests ${plugin})
  add_test(NAME ${plugin}_fixtures COMMAND actionhost test ${dir} --plugin $<TARGET_FILE:${plugin}>)
endfunction()
