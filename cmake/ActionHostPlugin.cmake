# add_actionhost_plugin(NAME SOURCES <files...> [OUTPUT_DIRECTORY <dir>] [LIBRARIES <libs...>])
#
# Builds a provider plugin as a loadable module named NAME.so, linked against the plugin SDK.
# Only the entry point is exported; everything else stays hidden so two plugins never clash.
# In-tree plugins land in build/plugins; out-of-tree ones in their own build directory unless
# OUTPUT_DIRECTORY says otherwise. Used in-tree and, installed, through find_package(ActionHost).
function(add_actionhost_plugin name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "add_actionhost_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  if(TARGET ActionHost::plugin-api)
    target_link_libraries(${name} PRIVATE ActionHost::plugin-api ${ARG_LIBRARIES})
  else()
    message(FATAL_ERROR "add_actionhost_plugin: the ActionHost::plugin-api target is missing")
  endif()
  set(out "${ARG_OUTPUT_DIRECTORY}")
  if(NOT out AND DEFINED ACTIONHOST_PLUGIN_OUTPUT_DIR)
    set(out "${ACTIONHOST_PLUGIN_OUTPUT_DIR}")
  endif()
  if(NOT out)
    set(out "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${name}"
    LIBRARY_OUTPUT_DIRECTORY "${out}"
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  # Unresolved symbols are a build error, not a load-time surprise on the host. The version
  # script exports the entry point alone: template instantiations (weak symbols) stay local, so
  # two plugins built with different SDK versions never bind to each other's copies.
  set(map "${CMAKE_CURRENT_BINARY_DIR}/${name}.exports.map")
  file(WRITE "${map}" "{ global: actionhost_plugin; local: *; };\n")
  target_link_options(${name} PRIVATE "LINKER:--no-undefined" "LINKER:--version-script=${map}")
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS "${map}")
endfunction()
