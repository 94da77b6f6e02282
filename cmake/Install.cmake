# Installs the host binary and the plugin SDK, and exports a CMake package so out-of-tree plugins
# can do: find_package(ActionHost REQUIRED) + add_actionhost_plugin(myplugin SOURCES ...), and
# test it by linking ActionHost::testkit.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ACTIONHOST_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/ActionHost)

install(DIRECTORY plugin-api/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS actionhost_plugin_api EXPORT ActionHostTargets)
# The test kit for plugin authors (ActionHost::testkit): a shared library whose only interface is
# actionhost/testkit.hpp; the host code inside it is linked in and hidden.
install(TARGETS actionhost_testkit EXPORT ActionHostTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT ActionHostTargets NAMESPACE ActionHost:: DESTINATION ${ACTIONHOST_CMAKE_DIR})
install(TARGETS actionhost RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

configure_package_config_file(cmake/ActionHostConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/ActionHostConfig.cmake INSTALL_DESTINATION ${ACTIONHOST_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/ActionHostConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ActionHostConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/ActionHostConfigVersion.cmake
              cmake/ActionHostPlugin.cmake
        DESTINATION ${ACTIONHOST_CMAKE_DIR})
