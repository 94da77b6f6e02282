// What the test kit's shared library exports: only the classes marked AH_TESTKIT_API. Everything
// else in it (the host's plugin loader, schema validation, Boost.DLL, valijson) stays hidden, so
// a test links one small library and sees one small interface.
#pragma once

#if defined(ACTIONHOST_TESTKIT_BUILDING)
#define AH_TESTKIT_API __attribute__((visibility("default")))
#else
#define AH_TESTKIT_API
#endif
