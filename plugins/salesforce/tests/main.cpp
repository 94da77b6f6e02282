// The one main() of salesforce_unit_tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
