// C calls Swift cannot reach: Glibc's module map exports neither `malloc_trim` nor `mallopt`,
// and a version given at build time needs the preprocessor.
#include "CHoursmithMCP.h"

#include <stdlib.h> // defines __GLIBC__ where glibc is the libc

#if defined(__APPLE__)
#include <malloc/malloc.h>
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

const char *hoursmith_release_version(void) {
#ifdef HOURSMITH_RELEASE_VERSION
    return HOURSMITH_RELEASE_VERSION;
#else
    return NULL;
#endif
}

int hoursmith_release_free_memory(void) {
#if defined(__APPLE__)
    return malloc_zone_pressure_relief(NULL, 0) > 0;
#elif defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}

void hoursmith_allocate_from_one_heap(void) {
#if defined(__GLIBC__)
    mallopt(M_ARENA_MAX, 1);
#endif
}
