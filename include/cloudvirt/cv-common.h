/*
 * cv-common.h: version macros, the export macro and memory helpers shared by
 * every cloudvirt header.
 */
#ifndef CLOUDVIRT_CV_COMMON_H
#define CLOUDVIRT_CV_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CV_VERSION_MAJOR 0
#define CV_VERSION_MINOR 1
#define CV_VERSION_MICRO 0

/* major * 1,000,000 + minor * 1,000 + micro, as libvirt numbers versions. */
#define CV_VERSION_NUMBER \
    (CV_VERSION_MAJOR * 1000000UL + CV_VERSION_MINOR * 1000UL + CV_VERSION_MICRO)

#if defined(__GNUC__) && __GNUC__ >= 4
# define CV_API __attribute__((visibility("default")))
# define CV_DEPRECATED __attribute__((deprecated))
#else
# define CV_API
# define CV_DEPRECATED
#endif

/* Length of a UUID as text, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", plus NUL. */
#define CV_UUID_STRING_BUFLEN 37
/* Length of a raw UUID in bytes. */
#define CV_UUID_BUFLEN 16

/**
 * cv_version:
 *
 * Returns: the version of the library actually loaded, in the same encoding
 * as CV_VERSION_NUMBER, so a program can compare it with the headers it was
 * built against.
 *
 * Since: 0.1
 */
CV_API unsigned long cv_version(void);

/**
 * cv_version_string:
 *
 * Returns: the loaded library's version as "MAJOR.MINOR.MICRO". Static
 * storage; do not free.
 *
 * Since: 0.1
 */
CV_API const char *cv_version_string(void);

/**
 * cv_free:
 * @ptr: memory returned by the library, or NULL
 *
 * Frees a string or array that a cloudvirt call documented as "free with
 * cv_free()". Never use the C library's free() on such memory: the library
 * may use a different allocator.
 *
 * Since: 0.1
 */
CV_API void cv_free(void *ptr);

/**
 * cv_free_cb:
 * @opaque: the user pointer given when a callback was registered
 *
 * Called once when the library no longer needs @opaque.
 */
typedef void (*cv_free_cb)(void *opaque);

#ifdef __cplusplus
}
#endif

#endif /* CLOUDVIRT_CV_COMMON_H */
